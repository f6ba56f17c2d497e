//! Sentences that carry a value, per detector type and language. `{}` is the value; `{2}`
//! is the companion value (an ICD code beside its description). Sentences hold no other
//! sensitive value: what is not labelled must not be sensitive.

/// (language, sentence) pairs for `kind`.
pub(crate) fn sentences(kind: &str) -> &'static [(&'static str, &'static str)] {
    match kind {
        "PERSON_NAME" => &[
            ("en", "I'm writing on behalf of my father, {}."),
            ("de", "Ansprechpartnerin ist {}."),
            ("en", "The account is registered to {}, not to me."),
            ("en", "my colleague {} set this up last year"),
            (
                "en",
                "Could you transfer the licence to {}? They are taking over the project.",
            ),
            ("en", "Customer name: {}"),
            ("de", "Das Konto läuft auf den Namen {}."),
            ("de", "Mein Kollege {} hat das eingerichtet."),
            ("fr", "Le compte est au nom de {}."),
            ("fr", "C'est {} qui gère la facturation chez nous."),
            ("es", "La cuenta está a nombre de {}."),
            ("pt", "A conta está no nome de {}."),
            ("zh", "账户持有人是{}。"),
            ("ja", "契約者は{}です。"),
        ],
        "EMAIL_ADDRESS" => &[
            ("en", "{}"),
            ("fr", "Écrivez-moi plutôt à {} svp."),
            (
                "en",
                "Please reply to {} instead, I no longer use the old address.",
            ),
            ("en", "my login email is {}"),
            ("en", "Send the invoice copy to {} please."),
            ("en", "cc {}"),
            ("de", "Bitte an {} antworten."),
            ("de", "Meine E-Mail-Adresse lautet {}."),
            ("fr", "Vous pouvez me joindre à {}."),
            ("es", "Mi correo es {}, escríbanme ahí."),
            ("pt", "Meu e-mail é {}."),
            ("zh", "我的邮箱是 {}，请回复。"),
            ("ja", "メールアドレスは {} です。"),
        ],
        "PHONE_NUMBER" => &[
            ("en", "{}"),
            ("es", "Mi móvil: {}"),
            ("en", "You can call me back on {} after 5pm."),
            ("en", "my cell is {}"),
            ("en", "Phone: {}"),
            ("en", "Text me at {} when the technician is on the way."),
            ("de", "Rückruf bitte unter {}."),
            ("de", "Tel.: {}"),
            ("fr", "Vous pouvez m'appeler au {}."),
            ("es", "Pueden llamarme al {}."),
            ("pt", "Meu celular é {}."),
            ("zh", "我的电话是 {}。"),
            ("ja", "電話番号は {} です。"),
        ],
        "STREET_ADDRESS" => &[
            ("en", "ship to: {}"),
            ("en", "Please ship the replacement to {}."),
            ("en", "Billing address: {}"),
            ("en", "we moved, new address is {}"),
            ("de", "Bitte an folgende Adresse liefern: {}"),
            ("de", "Meine neue Anschrift: {}"),
            ("fr", "Merci d'envoyer le colis au {}."),
            ("fr", "Adresse de livraison : {}"),
            ("es", "Mi dirección de envío es {}."),
            ("pt", "Endereço de entrega: {}"),
            ("zh", "收货地址：{}"),
            ("ja", "送付先は{}です。"),
        ],
        "LOCATION" => &[
            (
                "en",
                "I'm travelling in {} this week so replies may be slow.",
            ),
            ("en", "The outage seems to affect users in {} only."),
            ("en", "we're based out of {}"),
            ("de", "Ich bin diese Woche in {} unterwegs."),
            ("fr", "Je suis à {} jusqu'à vendredi."),
            ("es", "Estoy de viaje en {} esta semana."),
            ("pt", "Estou em {} esta semana."),
            ("zh", "我这周在{}出差。"),
            ("ja", "今週は{}に出張中です。"),
        ],
        "DATE" => &[
            ("en", "Last successful login: {}"),
            ("de", "Der Termin wurde auf den {} verschoben."),
            ("en", "I was charged twice on {}."),
            ("en", "The appointment was moved to {}."),
            ("en", "it stopped working on {}"),
            ("de", "Die Abbuchung erfolgte am {}."),
            ("fr", "Le prélèvement a eu lieu le {}."),
            ("es", "El cargo se hizo el {}."),
            ("pt", "A cobrança foi feita em {}."),
            ("zh", "我在{}被重复扣款了。"),
            ("ja", "{}に二重請求されました。"),
        ],
        "DATE_OF_BIRTH" => &[
            ("en", "DOB {}"),
            ("es", "Nací el {}."),
            ("pt", "Nasci em {}."),
            ("en", "Date of birth: {}"),
            ("en", "For verification, my DOB is {}."),
            ("en", "I was born on {}"),
            ("de", "Geburtsdatum: {}"),
            ("de", "Ich bin am {} geboren."),
            ("fr", "Date de naissance : {}"),
            ("fr", "Je suis né le {}."),
            ("es", "Fecha de nacimiento: {}"),
            ("pt", "Data de nascimento: {}"),
            ("zh", "出生日期：{}"),
            ("ja", "生年月日：{}"),
        ],
        "CREDIT_CARD_NUMBER" => &[
            ("en", "sorry, here is the full card number: {}"),
            ("en", "cc {} / 11/26 / cvv on request"),
            ("de", "Kartennummer: {}"),
            ("en", "Please charge the renewal to my card {} instead."),
            ("en", "card number {} exp 09/27"),
            ("en", "I paid with {} but the order still says unpaid."),
            ("en", "new card: {}"),
            ("en", "{}"),
            ("de", "Bitte buchen Sie von meiner Kreditkarte {} ab."),
            ("fr", "Voici ma carte bancaire : {}"),
            ("es", "Mi número de tarjeta es {}."),
            ("pt", "O número do meu cartão é {}."),
            ("zh", "我的信用卡号是 {}，请帮我退款。"),
            ("ja", "カード番号は{}です。"),
        ],
        "IBAN_CODE" => &[
            ("en", "{}"),
            ("es", "Devolución a la cuenta {}, por favor."),
            ("pt", "Por favor, reembolsem para {}."),
            ("en", "Please refund to IBAN {}."),
            ("en", "my bank account for the refund: {}"),
            ("de", "Bitte überweisen Sie die Erstattung auf {}."),
            ("de", "IBAN: {}"),
            ("fr", "Mon IBAN est {}."),
            ("fr", "Merci de rembourser sur le compte {}."),
            ("es", "Mi IBAN es {}."),
            ("pt", "O meu IBAN é {}."),
        ],
        "US_BANK_ROUTING_MICR" => &[
            ("en", "Routing number {} for the direct deposit."),
            ("en", "ABA {} acct ending 4471"),
            ("en", "Our bank's routing # is {}."),
            ("en", "RTN: {}"),
        ],
        "SWIFT_CODE" => &[
            ("en", "For the international wire use SWIFT {}."),
            ("en", "BIC: {}"),
            ("de", "BIC der Bank: {}"),
            ("fr", "Code BIC : {}"),
            ("es", "El código SWIFT es {}."),
            ("pt", "Código SWIFT/BIC: {}"),
        ],
        "AMERICAN_BANKERS_CUSIP_ID" => &[
            ("en", "The trade for CUSIP {} did not settle."),
            ("en", "Position in CUSIP {} is missing from my statement."),
            ("en", "cusip: {}"),
        ],
        "CANADA_BANK_ACCOUNT" => &[
            (
                "en",
                "My bank account for direct deposit is {} (transit, institution, account).",
            ),
            ("en", "Canadian bank account: {}"),
            (
                "fr",
                "Mon compte bancaire canadien pour le dépôt direct : {}",
            ),
        ],
        "API_KEY" => &[
            ("en", "STRIPE_SECRET_KEY: {}"),
            (
                "en",
                "curl -H \"x-api-key: {}\" https://api.example.net/v1/export",
            ),
            ("en", "Here is our API key so you can reproduce it: {}"),
            ("en", "export API_KEY={}"),
            ("en", "Authorization: Bearer {}"),
            ("en", "the key {} stopped working this morning"),
            ("de", "Unser API-Schlüssel: {}"),
            ("fr", "Voici notre clé API : {}"),
            ("es", "Nuestra clave de API es {}"),
        ],
        "CRYPTOGRAPHIC_KEY" => &[
            ("en", "{}\n"),
            (
                "en",
                "This is the key our deploy uses, does it look right?\n{}\n",
            ),
            ("en", "key file contents:\n{}\n"),
            ("de", "Hier der private Schlüssel:\n{}\n"),
        ],
        "GCP_CREDENTIALS" => &[
            (
                "en",
                "Our service account file is below, the upload job fails with 403:\n{}\n",
            ),
            ("en", "credentials.json:\n{}\n"),
            ("fr", "Voici le fichier du compte de service :\n{}\n"),
        ],
        "PASSWORD" => &[
            ("en", "pw is {} (please change it after)"),
            ("de", "Kennwort: {}"),
            (
                "en",
                "I reset it again, the password is now {} but it still says invalid.",
            ),
            ("en", "login: jsmith / {}"),
            ("en", "password: {}"),
            ("de", "Mein Passwort ist {}, funktioniert aber nicht."),
            ("fr", "Mon mot de passe est {} et ça ne marche pas."),
            ("es", "La contraseña es {}"),
            ("pt", "A senha é {}"),
            ("zh", "我的密码是 {}，但是登录不了。"),
        ],
        "PASSWORD_IN_CODE" => &[
            ("en", "config.py:\n    DB_PASSWORD = \"{}\"\n"),
            ("en", "settings.yaml:\n  smtp:\n    password: \"{}\"\n"),
            (
                "en",
                "application.properties:\nspring.datasource.password={}\n",
            ),
            ("en", "const password = '{}';"),
            ("en", "{\"user\": \"deploy\", \"password\": \"{}\"}"),
        ],
        "DATABASE_CONNECTION_STRING" => &[
            ("en", "The app crashes on start, connection string is {}"),
            ("en", "DATABASE_URL={}"),
            ("en", "we connect with {} and get a timeout"),
            ("de", "Verbindungszeichenfolge: {}"),
        ],
        "RANDOMLY_GENERATED_TOKEN" => &[
            ("en", "session token: {}"),
            ("en", "X-Auth-Token: {}"),
            (
                "en",
                "the reset link has token={} and it expired immediately",
            ),
            ("en", "webhook secret {}"),
        ],
        "IP_ADDRESS" => &[
            ("en", "X-Forwarded-For: {}"),
            ("en", "ssh fails from {} since yesterday"),
            ("en", "I'm connecting from {} and get blocked."),
            ("en", "client ip {}"),
            ("en", "Please whitelist {} for our office."),
            ("de", "Unsere IP-Adresse ist {}."),
            ("fr", "Mon adresse IP : {}"),
            ("es", "Mi IP es {}"),
            ("zh", "我的IP地址是 {}。"),
        ],
        "MAC_ADDRESS" => &[
            ("en", "{} keeps dropping off the wifi"),
            ("en", "The device MAC is {}, please register it."),
            ("en", "mac address {}"),
            ("de", "MAC-Adresse des Routers: {}"),
            ("fr", "Adresse MAC : {}"),
        ],
        "IMEI_HARDWARE_ID" => &[
            ("en", "The IMEI of the stolen phone is {}."),
            ("en", "imei {}"),
            ("de", "IMEI: {}"),
            ("es", "El IMEI del teléfono es {}."),
            ("pt", "IMEI do aparelho: {}"),
        ],
        "US_VEHICLE_IDENTIFICATION_NUMBER" => &[
            ("en", "{}"),
            ("en", "VIN {} for the insurance quote."),
            ("en", "The car's VIN is {}."),
            ("en", "vehicle id number: {}"),
        ],
        "ICD9_CODE" => &[
            ("en", "The claim was denied for ICD-9 code {} ({2})."),
            ("en", "ICD-9: {}"),
            ("en", "legacy diagnosis code {} (ICD9) on the 2014 claim"),
        ],
        "ICD9_DIAGNOSIS_DESCRIPTION" => &[
            ("en", "Old claim, ICD-9 {2} {}."),
            ("en", "Diagnosis (ICD-9): {}"),
        ],
        "ICD10_CODE" => &[
            ("en", "The claim was rejected, ICD-10 code {} ({2})."),
            ("en", "ICD-10: {}"),
            ("en", "dx code {} on the superbill"),
        ],
        "ICD10_DIAGNOSIS_DESCRIPTION" => &[
            ("en", "Diagnosis: {2} {}"),
            ("en", "Diagnosis (ICD-10): {}"),
        ],
        "FDA_NATIONAL_DRUG_NAME" => &[
            ("en", "My prescription for {} was not refilled."),
            ("en", "the pharmacy says {} is not covered"),
            ("en", "Medication: {}"),
        ],
        // Combinations: a sentence of a person's identifier beside a sentence of health
        // information (lib.rs `health_record`); `{2}` is the identifier's sentence, `{}` the
        // health sentence.
        "PROTECTED_HEALTH_INFORMATION" | "HIPAA_DEFINED_PII" => {
            &[("en", "{2} {}"), ("en", "{} {2}"), ("en", "{2}\n{}")]
        }
        "US_HEALTHCARE_NPI" => &[
            ("en", "The referring provider's NPI is {}."),
            ("en", "NPI: {}"),
            ("en", "billing npi {}"),
        ],
        "US_HEALTH_INSURANCE_CLAIM_NUMBER" => &[
            ("en", "My old Medicare claim number (HICN) is {}."),
            ("en", "HICN: {}"),
        ],
        "US_MEDICARE_BENEFICIARY_IDENTIFIER" => &[
            ("en", "My Medicare number is {}."),
            ("en", "MBI: {}"),
            ("en", "medicare beneficiary id {}"),
        ],
        "US_SOCIAL_SECURITY_NUMBER" => &[
            ("en", "SSN# {}"),
            ("en", "last four won't work, my full SSN is {}"),
            ("en", "My SSN is {}."),
            ("en", "social security number {} for the W-9"),
            ("en", "ssn: {}"),
            ("es", "Mi número de Seguro Social de EE. UU. es {}."),
        ],
        "US_DRIVERS_LICENSE_NUMBER" => &[
            ("en", "My California driver's license number is {}."),
            ("en", "DL# {} (state of Florida)"),
            ("en", "US drivers license: {}"),
            ("en", "my Texas DL is {}"),
        ],
        "US_PASSPORT" => &[
            ("en", "US passport number {} for the travel booking."),
            ("en", "my US passport no. is {}"),
        ],
        "US_EMPLOYER_IDENTIFICATION_NUMBER" => &[
            ("en", "Our EIN is {}, please put it on the invoice."),
            ("en", "Federal Tax ID (EIN): {}"),
        ],
        "US_INDIVIDUAL_TAXPAYER_IDENTIFICATION_NUMBER" => &[
            ("en", "I don't have an SSN, my ITIN is {}."),
            ("en", "ITIN: {}"),
            ("es", "Mi ITIN es {}."),
        ],
        "CANADA_BC_PHN" => &[
            ("en", "My BC personal health number is {}."),
            ("en", "PHN: {}"),
        ],
        "CANADA_DRIVERS_LICENSE_NUMBER" => &[
            ("en", "My Ontario driver's licence number is {}."),
            ("en", "driver's licence (Canada): {}"),
            ("fr", "Mon numéro de permis de conduire du Québec est {}."),
        ],
        "CANADA_GOVERNMENT_ID" => &[
            ("en", "My provincial photo ID card number is {}."),
            ("en", "government-issued ID: {}"),
            ("fr", "Numéro de ma carte d'identité provinciale : {}"),
        ],
        "CANADA_OHIP" => &[
            ("en", "My OHIP number is {}."),
            ("en", "Ontario health card: {}"),
        ],
        "CANADA_PASSPORT" => &[
            ("en", "Canadian passport number {}."),
            ("fr", "Numéro de passeport canadien : {}"),
        ],
        "CANADA_PERMANENT_RESIDENT_NUMBER" => &[
            ("en", "My PR card number (UCI) is {}."),
            ("en", "permanent resident client ID: {}"),
        ],
        "CANADA_QUEBEC_HIN" => &[
            ("fr", "Mon numéro d'assurance maladie (RAMQ) est {}."),
            ("en", "Quebec health insurance number: {}"),
        ],
        "CANADA_SOCIAL_INSURANCE_NUMBER" => &[
            ("en", "My SIN is {} for the T4."),
            ("en", "social insurance number: {}"),
            ("fr", "Mon numéro d'assurance sociale (NAS) est {}."),
        ],
        "FRANCE_CNI" => &[
            ("fr", "Numéro de carte d'identité : {}"),
            ("fr", "Ma CNI porte le numéro {}."),
        ],
        "FRANCE_INSEE" => &[
            ("fr", "Mon numéro de sécurité sociale est {}."),
            ("fr", "N° INSEE : {}"),
            ("en", "French social security number (NIR): {}"),
        ],
        "FRANCE_PASSPORT" => &[
            ("fr", "Mon numéro de passeport est {}."),
            ("fr", "passeport n° {}"),
        ],
        "GERMANY_IDENTITY_NUMBER" => &[
            ("de", "Meine Personalausweisnummer lautet {}."),
            ("de", "Ausweisnummer: {}"),
            ("en", "German ID card number: {}"),
        ],
        "GERMANY_PASSPORT" => &[
            ("de", "Reisepassnummer: {}"),
            ("de", "Meine Passnummer ist {}."),
        ],
        "IRELAND_PASSPORT" => &[
            ("en", "Irish passport number {}."),
            ("en", "passport no: {} (Ireland)"),
        ],
        "IRELAND_PPSN" => &[("en", "My PPS number is {}."), ("en", "PPSN: {}")],
        "SCOTLAND_COMMUNITY_HEALTH_INDEX_NUMBER" => {
            &[("en", "My CHI number is {}."), ("en", "CHI: {}")]
        }
        "UK_DRIVERS_LICENSE_NUMBER" => &[
            ("en", "My UK driving licence number is {}."),
            ("en", "driving licence no. {}"),
        ],
        "UK_ELECTORAL_ROLL_NUMBER" => &[
            ("en", "My electoral roll number is {}."),
            ("en", "elector number: {}"),
        ],
        "UK_NATIONAL_HEALTH_SERVICE_NUMBER" => {
            &[("en", "My NHS number is {}."), ("en", "NHS no: {}")]
        }
        "UK_NATIONAL_INSURANCE_NUMBER" => &[
            ("en", "My National Insurance number is {}."),
            ("en", "NI number {}"),
            ("en", "NINO: {}"),
        ],
        "UK_PASSPORT" => &[
            ("en", "UK passport number {}."),
            ("en", "my british passport no is {}"),
        ],
        "UK_TAXPAYER_REFERENCE" => &[
            ("en", "My UTR is {} for the self assessment."),
            ("en", "Unique Taxpayer Reference: {}"),
        ],
        "BRAZIL_CPF_NUMBER" => &[
            ("pt", "{}"),
            ("pt", "Meu CPF é {}."),
            ("pt", "CPF: {}"),
            ("pt", "segue o cpf {} para a nota fiscal"),
        ],
        "BRAZIL_BUSINESS_TAX_ID_NUMBER" => &[("pt", "O CNPJ da empresa é {}."), ("pt", "CNPJ: {}")],
        _ => &[],
    }
}
