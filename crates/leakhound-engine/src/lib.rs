//! leakhound engine
