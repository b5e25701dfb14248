using System.Collections.Frozen;
using System.Globalization;
using Facturo.Accounts;

namespace Facturo.Platform;

/// <summary>Every message a user can read about something they did, in French and English, by stable code.</summary>
public static class UserMessages
{
    private static readonly FrozenDictionary<string, (string Fr, string En)> Texts = new Dictionary<string, (string, string)>
    {
        ["account.not-found"] = (
            "Aucun compte client ne porte le numéro {0}.",
            "No customer account has the number {0}."),
        ["account.cancelled"] = (
            "Le compte {0} est annulé : aucune nouvelle commande n'y est acceptée. Pour toute question sur la facturation, appelez le {1}.",
            "Account {0} is cancelled: it accepts no new orders. For billing questions, call {1}."),
        ["order.on-account-not-allowed"] = (
            "Le compte {0} fait partie du programme Solutions pour petites entreprises, qui n'est pas admissible à la facturation au compte. Payez la commande au moment de la créer, par carte de crédit ou avec votre compte de fournisseur, le cas échéant.",
            "Account {0} is in the Small Business program, which is not eligible for on-account billing. Pay for the order when you create it, by credit card or with your supplier account where available."),
        ["order.method-not-allowed"] = (
            "Le mode de paiement {0} n'est pas accepté pour le canal {1}. Modes acceptés : {2}. Aucune commande n'a été enregistrée.",
            "Payment method {0} is not accepted for channel {1}. Accepted: {2}. No order was recorded."),
        ["order.card-invalid-number"] = (
            "Le numéro de carte n'est pas valide. Vérifiez les chiffres (12 à 19). Aucune commande n'a été enregistrée.",
            "The card number is not valid. Check its digits (12 to 19). No order was recorded."),
        ["order.card-invalid-expiry"] = (
            "La date d'expiration de la carte n'est pas valide (mois de 1 à 12, année à quatre chiffres).",
            "The card's expiry date is not valid (month 1 to 12, four-digit year)."),
        ["order.card-invalid-cvc"] = (
            "Le code de sécurité de la carte a 3 ou 4 chiffres.",
            "The card's security code has 3 or 4 digits."),
        ["order.card-declined"] = (
            "La carte a été refusée par l'émetteur. Utilisez une autre carte ou un autre mode de paiement. Aucune commande n'a été enregistrée.",
            "The card was declined by its issuer. Use another card or another payment method. No order was recorded."),
        ["order.card-insufficientfunds"] = (
            "La carte a été refusée : fonds ou crédit insuffisants. Aucune commande n'a été enregistrée.",
            "The card was declined: insufficient funds or credit. No order was recorded."),
        ["order.card-expired"] = (
            "La carte est expirée. Utilisez une autre carte. Aucune commande n'a été enregistrée.",
            "The card has expired. Use another card. No order was recorded."),
        ["order.supplier-account-invalid"] = (
            "Indiquez le numéro de votre compte de fournisseur (6 à 20 lettres ou chiffres).",
            "Enter your supplier account number (6 to 20 letters or digits)."),
        ["order.no-lines"] = (
            "Une commande doit contenir au moins une ligne.",
            "An order needs at least one line."),
        ["order.line-invalid-quantity"] = (
            "Ligne {0} : la quantité doit être supérieure à zéro et d'au plus 1 000 000.",
            "Line {0}: the quantity must be greater than zero and at most 1,000,000."),
        ["order.line-invalid-price"] = (
            "Ligne {0} : le prix unitaire doit être positif, avec au plus deux décimales.",
            "Line {0}: the unit price must be positive, with at most two decimals."),
        ["order.line-invalid-destination"] = (
            "Ligne {0} : destination invalide. Donnez la province (ex. « NS ») pour le Canada, ou le pays (code ISO à deux lettres, ex. « US ») hors du Canada.",
            "Line {0}: invalid destination. Give the province (e.g. \"NS\") in Canada, or the country (two-letter ISO code, e.g. \"US\") outside Canada."),
        ["order.line-destination-not-shipping"] = (
            "Ligne {0} : seule une ligne d'expédition (Shipping, colis avec connaissement) peut avoir une destination ; les autres sont taxées à l'adresse du client.",
            "Line {0}: only a shipping line (Shipping, a parcel with a bill of lading) can have a destination; other lines are taxed at the customer's address."),
        ["order.line-missing-description"] = (
            "Ligne {0} : la description est obligatoire (200 caractères au plus).",
            "Line {0}: a description is required (200 characters at most)."),
        ["order.invalid-channel"] = (
            "Canal de commande inconnu : « {0} ». Valeurs permises : {1}.",
            "Unknown order channel: \"{0}\". Allowed values: {1}."),
        ["order.invalid-payment-method"] = (
            "Mode de paiement inconnu : « {0} ». Valeurs permises : {1}.",
            "Unknown payment method: \"{0}\". Allowed values: {1}."),
        ["order.invalid-category"] = (
            "Ligne {0} : catégorie inconnue « {1} ». Valeurs permises : {2}.",
            "Line {0}: unknown category \"{1}\". Allowed values: {2}."),
        ["order.duplicate-reference"] = (
            "La référence externe {0} a déjà servi pour une autre commande de ce compte.",
            "External reference {0} was already used for another order on this account."),
        ["billrun.invalid-period"] = (
            "« {0} » n'est pas une période de facturation : utilisez le format AAAA-MM, par exemple 2026-11.",
            "\"{0}\" is not a billing period: use the form YYYY-MM, for example 2026-11."),
        ["billrun.period-not-ended"] = (
            "La période {0} n'est pas terminée : elle pourra être facturée à partir du {1}.",
            "Period {0} has not ended: it can be billed from {1}."),
        ["taxes.override-choice"] = (
            "Choisissez une catégorie de frais, une taxe et une province dans les listes, et si la taxe s'applique. Rien n'a été changé.",
            "Choose a charge category, a tax and a province from the lists, and whether the tax applies. Nothing was changed."),
        ["taxes.override-date"] = (
            "Indiquez la date d'effet (AAAA-MM-JJ). Rien n'a été changé.",
            "Give the effective date (YYYY-MM-DD). Nothing was changed."),
        ["taxes.override-past-date"] = (
            "La date d'effet {0} est passée : choisissez aujourd'hui ({1}) ou une date à venir. Les factures déjà émises ne sont jamais retaxées ; une erreur s'y corrige par une note de crédit. Rien n'a été changé.",
            "The effective date {0} has passed: choose today ({1}) or a later date. Invoices already issued are never taxed again; a mistake on one is corrected with a credit note. Nothing was changed."),
        ["taxes.override-every-province"] = (
            "Seules la TPS et la TVH se règlent pour toutes les provinces à la fois ; pour la {0}, choisissez la province. Rien n'a été changé.",
            "Only the GST and the HST can be set for every province at once; for the {0}, choose the province. Nothing was changed."),
        ["taxes.override-tax-not-in-province"] = (
            "Il n'y a pas de {0} {1} le {2} ; {3}. Rien n'a été changé.",
            "There is no {0} {1} on {2}; {3}. Nothing was changed."),
        ["taxes.override-reason"] = (
            "Indiquez la raison de ce changement (500 caractères au plus) : elle reste au journal d'audit avec votre nom. Rien n'a été changé.",
            "Give the reason for this change (500 characters at most): it stays in the audit log with your name. Nothing was changed."),
        ["taxes.override-already-taxable"] = (
            "Rien à changer : « {0} » porte déjà la {1} {2} le {3}.",
            "Nothing to change: \"{0}\" already bears the {1} {2} on {3}."),
        ["taxes.override-already-not-taxable"] = (
            "Rien à changer : « {0} » ne porte déjà aucune {1} {2} le {3}.",
            "Nothing to change: \"{0}\" already bears no {1} {2} on {3}."),
        ["taxes.review-date"] = (
            "Choisissez une date à partir du {0} (AAAA-MM-JJ).",
            "Choose a date from {0} on (YYYY-MM-DD)."),
        ["sizing.database-not-empty"] = (
            "La base de données contient déjà des comptes : les données de dimensionnement ne vont que dans une base vide.",
            "The database already has accounts: sizing data only goes into an empty database."),
        ["sizing.no-unpaid-invoices"] = (
            "Aucune facture impayée en dollars canadiens : chargez des données de dimensionnement et faites la facturation de la période d'abord.",
            "No unpaid Canadian-dollar invoices: load sizing data and bill its period first."),
        ["sizing.no-biller"] = (
            "Aucun fournisseur n'est configuré : exécutez d'abord `facturo setup`, ou ajoutez --demo-biller pour charger le fournisseur de démonstration (numéro de TPS/TVH et identité bancaire fictifs) le temps d'un banc d'essai. Rien n'a été chargé.",
            "No biller is set up: run `facturo setup` first, or add --demo-biller to load the demo biller (a made-up GST/HST number and bank identity) for a benchmark. Nothing was loaded."),
        ["biller.not-set-up"] = (
            "Le fournisseur n'est pas encore configuré : à la première installation, exécutez `facturo setup` ; sinon, un administrateur remplit Paramètres (/admin/settings) : raisons sociales, adresse, numéros de TPS/TVH et de TVQ, coordonnées du soutien. Rien n'a été fait.",
            "The biller is not set up yet: on a first install run `facturo setup`; otherwise an administrator fills in Settings (/admin/settings): legal names, address, GST/HST and QST numbers, support contact. Nothing was done."),
        ["biller.already-set-up"] = (
            "Facturo est déjà configuré ici ({0}) : changez les renseignements du fournisseur dans Paramètres (/admin/settings) et ajoutez le personnel dans Personnel (/admin/staff). Rien n'a été changé.",
            "Facturo is already set up here ({0}): change the biller's details in Settings (/admin/settings) and add staff in Staff (/admin/staff). Nothing was changed."),
        ["setup.password-missing"] = (
            "Tapez le mot de passe du premier administrateur sur l'entrée standard (une ligne de 12 caractères ou plus) : il n'est jamais donné en argument. Rien n'a été créé.",
            "Type the first administrator's password on standard input (a line of 12 characters or more): it is never given as an argument. Nothing was created."),
        ["setup.no-terminal"] = (
            "Aucun terminal pour poser les questions : donnez les paramètres dans un fichier avec --file. Rien n'a été créé.",
            "No terminal to ask on: give the settings in a file with --file. Nothing was created."),
        ["setup.file-unreadable"] = (
            "Le fichier de paramètres {0} n'est pas un JSON lisible ({1}). Rien n'a été créé.",
            "The settings file {0} is not readable JSON ({1}). Nothing was created."),
        ["bankfiles.cpa005-identity-missing"] = (
            "Des débits canadiens attendent, mais l'identité CPA-005 du fournisseur auprès de sa banque n'est pas saisie (identifiant d'émetteur, centre de données, compte des retours) : un administrateur la saisit dans Paramètres (/admin/settings). Aucun fichier n'a été écrit.",
            "Canadian debits are waiting, but the biller's CPA-005 identity at its bank is not set (originator ID, data centre, return account): an administrator sets it in Settings (/admin/settings). No file was written."),
        ["bankfiles.nacha-identity-missing"] = (
            "Des débits américains attendent, mais l'identité NACHA du fournisseur auprès de sa banque américaine n'est pas saisie (ODFI, origine immédiate, identifiant d'entreprise) : un administrateur la saisit dans Paramètres (/admin/settings). Aucun fichier n'a été écrit.",
            "US debits are waiting, but the biller's NACHA identity at its US bank is not set (ODFI, immediate origin, company identification): an administrator sets it in Settings (/admin/settings). No file was written."),
        ["settings.LegalNameFr"] = (
            "Écrivez la raison sociale en français (200 caractères au plus).",
            "Enter the legal name in French (200 characters at most)."),
        ["settings.LegalNameEn"] = (
            "Écrivez la raison sociale en anglais (200 caractères au plus ; la même qu'en français si elle n'a qu'une forme).",
            "Enter the legal name in English (200 characters at most; the French one if it has only one form)."),
        ["settings.AddressLine1"] = (
            "Écrivez l'adresse (numéro et rue, 200 caractères au plus).",
            "Enter the street address (200 characters at most)."),
        ["settings.AddressLine2"] = (
            "La deuxième ligne d'adresse a 200 caractères au plus.",
            "The second address line has 200 characters at most."),
        ["settings.City"] = (
            "Écrivez la ville (100 caractères au plus).",
            "Enter the city (100 characters at most)."),
        ["settings.Province"] = (
            "Choisissez la province ou le territoire (deux lettres, par exemple QC).",
            "Choose the province or territory (two letters, for example ON)."),
        ["settings.PostalCode"] = (
            "« {0} » n'est pas un code postal canadien : écrivez-le comme K1A 0B1 (lettre, chiffre, lettre, chiffre, lettre, chiffre).",
            "\"{0}\" is not a Canadian postal code: write it as K1A 0B1 (letter, digit, letter, digit, letter, digit)."),
        ["settings.GstHstNumberFormat"] = (
            "« {0} » n'est pas un numéro de TPS/TVH : écrivez les 9 chiffres du numéro d'entreprise, RT et les 4 chiffres de référence, par exemple 123456782 RT0001.",
            "\"{0}\" is not a GST/HST number: write the 9-digit business number, RT and the 4-digit reference, for example 123456782 RT0001."),
        ["settings.GstHstNumberCheckDigit"] = (
            "« {0} » n'est pas un numéro de TPS/TVH que l'ARC attribue : le chiffre de contrôle du numéro d'entreprise est faux. Vérifiez les 9 chiffres sur votre avis d'inscription.",
            "\"{0}\" is not a GST/HST number the CRA issues: the check digit of its business number is wrong. Check the 9 digits on your registration notice."),
        ["settings.QstNumberFormat"] = (
            "« {0} » n'est pas un numéro de TVQ : écrivez les 10 chiffres, TQ et les 4 chiffres de référence, par exemple 1234567890 TQ0001 (laissez vide sans inscription à la TVQ).",
            "\"{0}\" is not a QST number: write the 10 digits, TQ and the 4-digit reference, for example 1234567890 TQ0001 (leave it empty if not registered for QST)."),
        ["settings.SupportPhone"] = (
            "« {0} » n'est pas un numéro de téléphone nord-américain : écrivez l'indicatif et le numéro, par exemple 1-800-555-0100 ou 613-555-0100 poste 12.",
            "\"{0}\" is not a North American phone number: write the area code and number, for example 1-800-555-0100 or 613-555-0100 ext. 12."),
        ["settings.SupportEmail"] = (
            "« {0} » n'est pas une adresse courriel (par exemple facturation@exemple.ca).",
            "\"{0}\" is not an email address (for example billing@example.ca)."),
        ["settings.SupportHours"] = (
            "Les heures du soutien ont 200 caractères au plus dans chaque langue.",
            "Support hours have 200 characters at most in each language."),
        ["settings.CreditTerms"] = (
            "Les modalités de crédit par défaut sont un nombre de jours de 0 (payable sur réception) à 120.",
            "Default credit terms are a number of days from 0 (due on receipt) to 120."),
        ["settings.EBillingPrefixes"] = (
            "Les préfixes de facturation électronique sont des débuts de numéro de client de 1 à 10 chiffres séparés par des virgules, au moins un admissible (par exemple 1).",
            "E-billing prefixes are customer-number beginnings of 1 to 10 digits separated by commas, at least one eligible (for example 1)."),
        ["settings.PaperFee"] = (
            "« {0} » n'est pas un montant de frais de papier : écrivez des dollars et des cents, par exemple 5,00 (0 pour aucuns frais).",
            "\"{0}\" is not a paper fee: write dollars and cents, for example 5.00 (0 for none)."),
        ["settings.TimeZone"] = (
            "« {0} » n'est pas un fuseau horaire : écrivez son nom IANA, par exemple America/Toronto, America/Vancouver ou America/Halifax.",
            "\"{0}\" is not a time zone: write its IANA name, for example America/Toronto, America/Vancouver or America/Halifax."),
        ["settings.bank.OriginatorId"] = (
            "CPA-005, identifiant d'émetteur : les 10 lettres ou chiffres que votre banque vous a attribués (par exemple 0123456789).",
            "CPA-005 originator ID: the 10 letters or digits your bank assigned (for example 0123456789)."),
        ["settings.bank.ShortName"] = (
            "CPA-005, nom abrégé : le nom sur les relevés bancaires de vos payeurs, 15 caractères au plus (lettres, chiffres, espaces et & - . , ' /).",
            "CPA-005 short name: the name on your payors' bank statements, 15 characters at most (letters, digits, spaces and & - . , ' /)."),
        ["settings.bank.LongName"] = (
            "CPA-005, nom complet : 30 caractères au plus (lettres, chiffres, espaces et & - . , ' /).",
            "CPA-005 long name: 30 characters at most (letters, digits, spaces and & - . , ' /)."),
        ["settings.bank.DataCentre"] = (
            "CPA-005, centre de données destinataire : les 5 chiffres donnés par votre banque (par exemple 00310).",
            "CPA-005 destination data centre: the 5 digits your bank gave (for example 00310)."),
        ["settings.bank.ReturnInstitution"] = (
            "Compte des retours : le numéro d'institution a 3 chiffres.",
            "Return account: the institution number has 3 digits."),
        ["settings.bank.ReturnTransit"] = (
            "Compte des retours : le numéro de transit (succursale) a 5 chiffres.",
            "Return account: the transit (branch) number has 5 digits."),
        ["settings.bank.ReturnAccount"] = (
            "Compte des retours : le numéro de compte a de 7 à 12 chiffres.",
            "Return account: the account number has 7 to 12 digits."),
        ["settings.bank.FileCreationNumber"] = (
            "Le numéro de création du prochain fichier CPA-005 va de 1 à 9999 : celui que votre banque attend.",
            "The next CPA-005 file creation number is from 1 to 9999: the one your bank expects."),
        ["settings.bank.ImmediateDestination"] = (
            "NACHA, destination immédiate : le numéro d'acheminement de 9 chiffres de votre banque américaine, avec son chiffre de contrôle (par exemple 011000015).",
            "NACHA immediate destination: your US bank's 9-digit routing number, with its check digit (for example 011000015)."),
        ["settings.bank.DestinationName"] = (
            "NACHA, nom de la destination : le nom de votre banque américaine, 23 caractères au plus.",
            "NACHA destination name: your US bank's name, 23 characters at most."),
        ["settings.bank.ImmediateOrigin"] = (
            "NACHA, origine immédiate : un numéro d'acheminement de 9 chiffres ou les 10 chiffres donnés par votre banque (souvent 1 suivi de votre EIN).",
            "NACHA immediate origin: a 9-digit routing number or the 10 digits your bank gave (often 1 followed by your EIN)."),
        ["settings.bank.OriginName"] = (
            "NACHA, nom de l'origine : 23 caractères au plus.",
            "NACHA origin name: 23 characters at most."),
        ["settings.bank.CompanyName"] = (
            "NACHA, nom de l'entreprise : le nom que voient vos payeurs, 16 caractères au plus.",
            "NACHA company name: the name your payors see, 16 characters at most."),
        ["settings.bank.CompanyIdentification"] = (
            "NACHA, identifiant d'entreprise : les 10 lettres ou chiffres donnés par votre banque (souvent 1 suivi de votre EIN).",
            "NACHA company identification: the 10 letters or digits your bank gave (often 1 followed by your EIN)."),
        ["settings.bank.OriginatingDfi"] = (
            "NACHA, ODFI : le numéro d'acheminement de 9 chiffres de votre banque américaine, avec son chiffre de contrôle.",
            "NACHA originating DFI: your US bank's 9-digit routing number, with its check digit."),
        ["portal.not-eligible"] = (
            "Le compte {0} n'est pas admissible à la facturation électronique pour le moment. Pour recevoir vos factures autrement, communiquez avec le Centre des relations avec la clientèle au {1}.",
            "Account {0} is not eligible for e-billing at this time. To receive your invoices another way, call Customer Relations at {1}."),
        ["portal.invalid-email"] = (
            "« {0} » n'est pas une adresse courriel valide.",
            "\"{0}\" is not a valid email address."),
        ["portal.invitation-unusable"] = (
            "Cette invitation n'est plus valide : elle a déjà servi ou elle est expirée. Demandez-en une nouvelle.",
            "This invitation can no longer be used: it was already used or it has expired. Ask for a new one."),
        ["portal.name-required"] = (
            "Indiquez votre nom (200 caractères au plus).",
            "Enter your name (200 characters at most)."),
        ["portal.security-questions-required"] = (
            "Choisissez deux questions de sécurité différentes et répondez aux deux.",
            "Choose two different security questions and answer both."),
        ["portal.email-taken"] = (
            "Cette adresse courriel est déjà inscrite au portail. Connectez-vous ou réinitialisez votre mot de passe.",
            "This email address is already registered. Sign in or reset your password."),
        ["password.too-short"] = (
            "Le mot de passe doit compter au moins {0} caractères. Une phrase de quelques mots est facile à retenir.",
            "The password must have at least {0} characters. A phrase of a few words is easy to remember."),
        ["password.too-common"] = (
            "Ce mot de passe est l'un des plus courants et serait vite deviné : choisissez-en un autre.",
            "This password is one of the most common and would be guessed quickly: choose another one."),
        ["password.site-word"] = (
            "Ce mot de passe contient le nom du portail ou de l'entreprise qui vous facture, l'un des premiers mots qu'on essaierait ici : choisissez-en un autre.",
            "This password contains the name of this portal or of the company that bills you, among the first words anyone would try here: choose another one."),
        ["password.reused"] = (
            "Choisissez un mot de passe différent de vos {0} derniers.",
            "Choose a password different from your last {0}."),
        ["portal.recovery-refused"] = (
            "Les réponses ne correspondent pas à celles enregistrées pour cette adresse, ou trop d'essais ont été faits : attendez 15 minutes, ou demandez un lien par courriel.",
            "The answers do not match those recorded for this address, or too many attempts were made: wait 15 minutes, or ask for a link by email."),
        ["portal.reset-link-invalid"] = (
            "Ce lien n'est plus valide. Demandez un nouveau lien.",
            "This link is no longer valid. Ask for a new link."),
        ["portal.email-code-invalid"] = (
            "Ce code n'est pas valide ou a expiré. Reconnectez-vous pour recevoir un nouveau code.",
            "This code is not valid or has expired. Sign in again to receive a new code."),
        ["portal.current-password-wrong"] = (
            "Le mot de passe actuel est incorrect.",
            "The current password is incorrect."),
        ["portal.passwords-differ"] = (
            "Les deux mots de passe ne correspondent pas.",
            "The two passwords do not match."),
        ["portal.sign-in-failed"] = (
            "Courriel ou mot de passe incorrect. Après cinq essais infructueux, la connexion est bloquée 15 minutes : attendez, ou choisissez un nouveau mot de passe (Mot de passe oublié).",
            "Incorrect email or password. After five failed attempts, sign-in is locked for 15 minutes: wait, or choose a new password (Forgot password)."),
        ["portal.two-step-code-invalid"] = (
            "Ce code n'est pas valide. Entrez le code à 6 chiffres affiché maintenant par votre application.",
            "This code is not valid. Enter the 6-digit code your app shows now."),
        ["portal.two-step-password-incorrect"] = (
            "Le mot de passe actuel est incorrect.",
            "The current password is incorrect."),
        ["portal.locked-out"] = (
            "Trop d'essais infructueux : la connexion est bloquée pendant 15 minutes.",
            "Too many failed attempts: sign-in is locked for 15 minutes."),
        ["portal.admins-only"] = (
            "Seuls les administrateurs de l'entreprise peuvent gérer les utilisateurs.",
            "Only the business's administrators can manage users."),
        ["portal.user-not-found"] = (
            "Cet utilisateur n'existe pas dans votre entreprise, ou c'est vous-même.",
            "This user is not in your business, or it is yourself."),
        ["session.not-found"] = (
            "Cette session n'est pas l'une de vos sessions ouvertes (elle est peut-être déjà fermée). Rien n'a changé.",
            "That session is not one of your open sessions (it may be signed out already). Nothing was changed."),
        ["portal.request-not-proven"] = (
            "Ces renseignements ne correspondent pas à une facture (ou un relevé) des {0} derniers jours de ce compte. Vérifiez le numéro de client, le numéro du document et le montant total.",
            "These details do not match an invoice (or statement) of the last {0} days on this account. Check the customer number, the document number and the total amount."),
        ["portal.account-already-linked"] = (
            "Le compte {0} est déjà lié à votre entreprise.",
            "Account {0} is already linked to your business."),
        ["admin.account-on-portal"] = (
            "Le compte {0} est déjà sur le portail : ses administrateurs invitent les personnes de leur entreprise (Entreprise – Utilisateurs) ou approuvent leurs demandes.",
            "Account {0} is already on the portal: its administrators invite their business's people (Business – Users) or approve their requests."),
        ["portal.account-linked-elsewhere"] = (
            "Le compte {0} est déjà lié à une autre entreprise dans le portail. Appelez le soutien à la facturation pour le déplacer.",
            "Account {0} is already linked to another business on the portal. Call billing support to move it."),
        ["portal.account-link-pending"] = (
            "Une demande de lien du compte {0} attend déjà la confirmation de son contact de facturation. Vous pouvez l'annuler plus bas.",
            "A link request for account {0} is already waiting for its billing contact to confirm. You can cancel it below."),
        ["portal.account-link-no-billing-email"] = (
            "Le compte {0} n'a pas d'adresse courriel de facturation à laquelle demander la confirmation. Appelez le soutien à la facturation au {1} pour lier ce compte. Rien n'a été lié.",
            "Account {0} has no billing email to ask for confirmation. Call billing support at {1} to link this account. Nothing was linked."),
        ["portal.account-link-not-found"] = (
            "Cette demande de lien n'est plus en attente : elle a été confirmée, a expiré ou a été annulée.",
            "This link request is no longer waiting: it was confirmed, expired or cancelled."),
        ["portal.account-link-unusable"] = (
            "Ce lien n'est plus valide : il a déjà servi, il est expiré ou la demande a été annulée. Rien n'a été lié.",
            "This link can no longer be used: it was already used, it has expired or the request was cancelled. Nothing was linked."),
        ["portal.invitation-request-received"] = (
            "Merci. Si ces renseignements correspondent à une facture récente du compte, votre demande est transmise : aux administrateurs de l'entreprise si elle utilise déjà le portail, sinon au contact de facturation du compte, qui recevra l'invitation par courriel. Rien n'est envoyé à l'adresse que vous avez indiquée avant leur accord.",
            "Thank you. If these details match a recent invoice of the account, your request is passed on: to the business's administrators if it already uses the portal, otherwise to the account's billing contact, who will receive the invitation by email. Nothing is sent to the address you entered until they agree."),
        ["portal.access-request-not-found"] = (
            "Cette demande d'accès n'est plus en attente : un autre administrateur y a peut-être déjà répondu.",
            "This access request is no longer waiting: another administrator may have answered it already."),
        ["portal.invitation-not-found"] = (
            "Cette invitation n'est plus en attente : elle a servi, expiré ou été annulée.",
            "This invitation is no longer pending: it was used, expired or cancelled."),
        ["portal.role-required"] = (
            "Choisissez un rôle : administrateur, payeur ou lecture seule.",
            "Choose a role: administrator, payer or viewer."),
        ["portal.last-admin"] = (
            "L'entreprise doit garder au moins un administrateur : nommez-en un autre avant de changer ce rôle.",
            "The business must keep at least one administrator: make someone else an administrator before changing this role."),
        ["portal.user-changed"] = (
            "Cet utilisateur a été modifié entre-temps. Rechargez la page et recommencez.",
            "This user was changed in the meantime. Reload the page and try again."),
        ["admin.access-request-now-on-portal"] = (
            "Le compte {0} est maintenant dans le portail : seuls les administrateurs de son entreprise peuvent accorder l'accès. Refusez cette demande; la personne peut en faire une nouvelle.",
            "Account {0} is now on the portal: only its business's administrators can grant access. Refuse this request; the person can make a new one."),
        ["payments.payers-only"] = (
            "Seuls les administrateurs et les payeurs de l'entreprise peuvent gérer les comptes bancaires et payer.",
            "Only the business's administrators and payers can manage bank accounts and pay."),
        ["payments.bank-account-not-found"] = (
            "Choisissez un des comptes bancaires de votre entreprise.",
            "Choose one of your business's bank accounts."),
        ["payments.currency-mismatch"] = (
            "Le compte bancaire {0} ne peut pas payer un compte facturé en {1} : utilisez un compte canadien pour les dollars canadiens et un compte américain pour les dollars américains.",
            "Bank account {0} cannot pay an account billed in {1}: use a Canadian account for Canadian dollars and a US account for US dollars."),
        ["payments.agreement-required"] = (
            "C'est le premier débit du compte bancaire {0} : lisez l'accord de débit et cochez la case pour l'accepter.",
            "This is the first debit from bank account {0}: read the debit agreement and tick the box to accept it."),
        ["payments.automatic-agreement-required"] = (
            "Lisez l'accord de débit automatique des factures de crédit-bail et cochez la case pour l'accepter.",
            "Read the agreement for automatic debits of lease invoices and tick the box to accept it."),
        ["payments.automatic-lease-only"] = (
            "Le débit automatique ne s'applique qu'aux factures de crédit-bail (location d'équipement), et le compte {0} n'en a pas. Payez ses factures dans Payer des factures.",
            "Automatic debit is for lease invoices (equipment rental) only, and account {0} has none. Pay its invoices in Pay invoices."),
        ["payments.automatic-already"] = (
            "Les factures de crédit-bail du compte {0} sont déjà débitées automatiquement. Annulez ce débit automatique pour en choisir un autre.",
            "The lease invoices of account {0} are already debited automatically. Cancel that automatic debit to choose another."),
        ["payments.automatic-not-found"] = (
            "Ce débit automatique n'existe pas ou est déjà annulé.",
            "That automatic debit does not exist or is already cancelled."),
        ["payments.agreement-cancelled"] = (
            "L'accord de débit du compte bancaire {0} est annulé : aucun débit n'est fait.",
            "The debit agreement of bank account {0} is cancelled: no debit is made."),
        ["staff.invalid"] = (
            "Indiquez une adresse courriel valide, un nom (200 caractères au plus) et un rôle.",
            "Give a valid email address, a name (200 characters at most) and a role."),
        ["staff.sign-in-failed"] = (
            "Courriel ou mot de passe incorrect. Après cinq essais infructueux, la connexion est bloquée 15 minutes.",
            "Wrong email or password. After five failed attempts, sign-in is blocked for 15 minutes."),
        ["staff.unknown"] = (
            "Aucun membre du personnel actif n'utilise l'adresse {0}.",
            "No active staff member uses {0}."),
        ["staff.current-password-wrong"] = (
            "Le mot de passe actuel est incorrect.",
            "The current password is incorrect."),
        ["staff.not-found"] = (
            "Ce membre du personnel n'existe pas. Rien n'a été changé.",
            "That staff member does not exist. Nothing was changed."),
        ["staff.not-disabled"] = (
            "Aucun membre du personnel désactivé n'utilise l'adresse {0}.",
            "No disabled staff member uses {0}."),
        ["staff.last-administrator"] = (
            "{0} est le dernier administrateur actif : nommez d'abord un autre administrateur. Rien n'a été changé.",
            "{0} is the last active administrator: make someone else an administrator first. Nothing was changed."),
        ["staff.step-up-wrong"] = (
            "Confirmez avec votre mot de passe ou un code de votre application d'authentification : celui donné est incorrect. Rien n'a été changé.",
            "Confirm with your password or a code from your authenticator app: the one given is not right. Nothing was changed."),
        ["staff.link-unusable"] = (
            "Ce lien ne peut plus servir (déjà utilisé, expiré ou remplacé par un plus récent). Demandez-en un autre à un administrateur.",
            "This link can no longer be used (already used, expired or replaced by a newer one). Ask an administrator for another."),
        ["staff.password-argument"] = (
            "Un mot de passe n'est jamais donné en argument (la liste des processus et l'historique du terminal le montrent) : tapez-le à l'invite, ou donnez-le sur l'entrée standard avec --password-stdin. Rien n'a été changé.",
            "A password is never given as an argument (the process list and shell history show it): type it at the prompt, or give it on standard input with --password-stdin. Nothing was changed."),
        ["staff.password-missing"] = (
            "Aucun mot de passe lu : tapez-le deux fois, identique, à l'invite, ou donnez-le sur l'entrée standard avec --password-stdin. Rien n'a été changé.",
            "No password was read: type it twice, the same, at the prompt, or give it on standard input with --password-stdin. Nothing was changed."),
        ["staff.exists"] = (
            "Un membre du personnel utilise déjà l'adresse {0}.",
            "A staff member already uses {0}."),
        ["admin.legal-name"] = (
            "La raison sociale est obligatoire (200 caractères au plus).",
            "The legal name is required (200 characters at most)."),
        ["address.incomplete"] = (
            "L'adresse et la ville sont obligatoires (200 et 100 caractères au plus).",
            "The street address and the city are required (200 and 100 characters at most)."),
        ["address.country"] = (
            "Le pays s'écrit avec son code ISO de deux lettres, par exemple CA ou US.",
            "Write the country as its two-letter ISO code, for example CA or US."),
        ["address.region"] = (
            "Pays {0} : au Canada, choisissez la province ; aux États-Unis, l'État ; ailleurs, aucune région. Un compte hors du Canada n'a pas de province canadienne.",
            "Country {0}: in Canada, choose the province; in the United States, the state; elsewhere, no region. An account outside Canada has no Canadian province."),
        ["address.postal-code"] = (
            "Le code postal ne convient pas au pays {0} : au Canada « A1A 1A1 », aux États-Unis « 12345 » ou « 12345-6789 », ailleurs 10 lettres ou chiffres au plus.",
            "The postal code does not fit country {0}: in Canada \"A1A 1A1\", in the United States \"12345\" or \"12345-6789\", elsewhere 10 letters or digits at most."),
        ["account.number"] = (
            "« {0} » n'est pas un numéro de client : 7 à 10 chiffres.",
            "\"{0}\" is not a customer number: 7 to 10 digits."),
        ["account.number-prefix"] = (
            "Le numéro de client {0} ne commence par aucun des préfixes du fournisseur ({1}) : choisissez un numéro de la bonne série.",
            "Customer number {0} does not begin with one of the biller's prefixes ({1}): choose a number in the right series."),
        ["account.program"] = (
            "« {0} » n'est pas un programme : Commercial ou Petite entreprise.",
            "\"{0}\" is not a program: Commercial or Small business."),
        ["account.credit-terms"] = (
            "« {0} » : les modalités de crédit sont un nombre de jours de 0 (payable sur réception) à 120.",
            "\"{0}\": credit terms are a number of days from 0 (due on receipt) to 120."),
        ["account.currency"] = (
            "« {0} » : la devise est CAD ou USD.",
            "\"{0}\": the currency is CAD or USD."),
        ["account.language"] = (
            "« {0} » : la langue est fr (français) ou en (anglais).",
            "\"{0}\": the language is fr (French) or en (English)."),
        ["account.billing-email"] = (
            "« {0} » n'est pas une adresse courriel valide. Laissez le champ vide si le client n'a pas de courriel (il recevra ses factures sur papier).",
            "\"{0}\" is not a valid email address. Leave it empty if the customer has no email (its invoices then go on paper)."),
        ["account.delivery"] = (
            "« {0} » : le mode de réception est Électronique ou Papier.",
            "\"{0}\": delivery is Electronic or Paper."),
        ["account.exists"] = (
            "Un compte client porte déjà le numéro {0}. Rien n'a été créé.",
            "A customer account already has number {0}. Nothing was created."),
        ["account.currency-in-use"] = (
            "Le compte {0} a déjà des factures ou des frais en {1} : sa devise ne peut plus changer. Ouvrez un autre compte pour facturer dans une autre devise.",
            "Account {0} already has invoices or charges in {1}: its currency can no longer change. Open another account to bill in another currency."),
        ["account.program-by-conversion"] = (
            "Le programme du compte {0} change par une conversion (boutons « petite entreprise » et « commercial » de la fiche du client), qui avise le client et garde l'historique.",
            "The program of account {0} changes by a conversion (the small business and commercial buttons on the customer page), which tells the customer and keeps the history."),
        ["import.unreadable"] = (
            "Le fichier n'est pas un fichier CSV lisible : {0}",
            "The file is not a readable CSV file: {0}"),
        ["import.empty"] = (
            "Le fichier ne contient aucun compte : une ligne d'en-têtes, puis une ligne par compte.",
            "The file holds no account: a header line, then one line per account."),
        ["import.column-missing"] = (
            "Colonne obligatoire absente : {0} (voir docs/customer-import.md).",
            "Required column missing: {0} (see docs/customer-import.md)."),
        ["import.column-unknown"] = (
            "Colonne inconnue : « {0} ». Colonnes reconnues : {1}.",
            "Unknown column: \"{0}\". Known columns: {1}."),
        ["import.column-twice"] = (
            "La colonne {0} figure deux fois dans l'en-tête.",
            "Column {0} appears twice in the header."),
        ["import.field-count"] = (
            "La ligne a {0} champs alors que l'en-tête en a {1} : un séparateur ou un guillemet manque ou est de trop.",
            "The line has {0} fields where the header has {1}: a separator or a quote is missing or extra."),
        ["import.number-twice"] = (
            "Le numéro de client {0} figure déjà à la ligne {1} du fichier.",
            "Customer number {0} is already on line {1} of the file."),
        ["import.too-large"] = (
            "Le fichier dépasse {0} Mo : divisez-le en plusieurs fichiers.",
            "The file is larger than {0} MB: split it into several files."),
        ["import.has-errors"] = (
            "Le fichier a {0} erreur(s) : rien n'a été importé. Corrigez-les et vérifiez-le de nouveau.",
            "The file has {0} error(s): nothing was imported. Fix them and check it again."),
        ["import.not-checked"] = (
            "Ce fichier n'est pas celui qui a été vérifié (ou la vérification a plus d'une heure) : vérifiez-le d'abord, puis importez-le.",
            "This file is not the one that was checked (or the check is more than an hour old): check it first, then import it."),
        ["import.changed-since-check"] = (
            "Les comptes ont changé depuis la vérification : {0} compte(s) à créer ou à modifier au lieu de {1}. Rien n'a été importé ; vérifiez le fichier de nouveau.",
            "The accounts changed since the check: {0} account(s) to create or update instead of {1}. Nothing was imported; check the file again."),
        ["exemption.kind"] = (
            "Choisissez le type de certificat : numéro de revente de TVP, exemption de TVP, Loi sur les Indiens ou organisme gouvernemental.",
            "Choose the kind of certificate: PST resale number, PST exemption, Indian Act or government body."),
        ["exemption.number"] = (
            "Le numéro du certificat est obligatoire : 40 caractères au plus, sans espace.",
            "The certificate number is required: 40 characters at most, no spaces."),
        ["exemption.no-tax"] = (
            "Cochez au moins une taxe dont le certificat exonère le client.",
            "Tick at least one tax the certificate relieves the customer of."),
        ["exemption.kind-taxes"] = (
            "Un numéro de revente ou d'exemption de TVP n'exonère que de la TVP, pas de la {0}.",
            "A PST resale or exemption number relieves only the PST, not the {1}."),
        ["exemption.no-province"] = (
            "Cochez au moins une province où le certificat s'applique.",
            "Tick at least one province where the certificate applies."),
        ["exemption.tax-not-in-province"] = (
            "La {0} ne s'applique pas en {2} : la TVP n'existe qu'en Colombie-Britannique, au Manitoba et en Saskatchewan, la TVQ qu'au Québec, et la TVH remplace la TPS en Ontario et dans les provinces de l'Atlantique.",
            "The {1} does not apply in {2}: PST exists only in British Columbia, Manitoba and Saskatchewan, QST only in Quebec, and the HST replaces the GST in Ontario and the Atlantic provinces."),
        ["exemption.dates"] = (
            "Indiquez la date d'entrée en vigueur du certificat ; sa date de fin, s'il en a une, ne peut pas la précéder.",
            "Give the date the certificate takes effect; its end date, if it has one, cannot come before it."),
        ["exemption.ended"] = (
            "Ce certificat a déjà pris fin le {0}.",
            "This certificate already ended on {0}."),
        ["exemption.reserve"] = (
            "Une exemption en vertu de la Loi sur les Indiens ne vaut que pour les livraisons dans une réserve : nommez la réserve et l'adresse de livraison (200 caractères au plus).",
            "An Indian Act exemption applies only to deliveries on a reserve: name the reserve and the delivery address (200 characters at most)."),
        ["exemption.proof-required"] = (
            "Joignez la copie numérisée du certificat (PDF, JPEG ou PNG, 5 Mo au plus).",
            "Attach the scanned certificate (PDF, JPEG or PNG, 5 MB at most)."),
        ["exemption.proof-type"] = (
            "La copie du certificat doit être un fichier PDF, JPEG ou PNG de 5 Mo au plus ; « {0} » n'en est pas un.",
            "The scanned certificate must be a PDF, JPEG or PNG file of 5 MB at most; \"{0}\" is not one."),
        ["exemption.not-found"] = (
            "Ce certificat d'exemption n'existe pas pour ce compte.",
            "This exemption certificate does not exist for this account."),
        ["exemption.end-date"] = (
            "La date de fin doit être au plus tôt la veille du début du certificat ({0}) et avant sa fin actuelle.",
            "The end date must be no earlier than the day before the certificate starts ({0}) and before its current end."),
        ["admin.resolution"] = (
            "Écrivez ce qui a été décidé (500 caractères au plus).",
            "Write what was decided (500 characters at most)."),
        ["admin.failed-payment-not-found"] = (
            "Ce paiement refusé n'est plus dans la file.",
            "That failed payment is no longer in the queue."),
        ["admin.change-notice-not-found"] = (
            "Cet avis de changement de la banque n'est plus ouvert.",
            "That notice of change from the bank is no longer open."),
        ["admin.email-not-failed"] = (
            "Ce courriel n'est plus en échec : il a déjà été remis en file.",
            "That email has not failed any more: it was already requeued."),
        ["support.question"] = (
            "Écrivez un objet (150 caractères au plus) et votre question (4 000 caractères au plus).",
            "Write a subject (150 characters at most) and your question (4,000 characters at most)."),
        ["support.answer"] = (
            "Écrivez la réponse (4 000 caractères au plus).",
            "Write the answer (4,000 characters at most)."),
        ["support.not-found"] = (
            "Cette question n'attend plus de réponse.",
            "That question is no longer waiting for an answer."),
        ["programs.already"] = (
            "Le compte {0} est déjà dans ce programme.",
            "Account {0} is already in that program."),
        ["programs.reason-and-date"] = (
            "Indiquez pourquoi et la date de fin de l'entente (aujourd'hui ou avant).",
            "Give the reason and the day the agreement ended (today or before)."),
        ["programs.terms"] = (
            "Choisissez des modalités de crédit parmi {0} jours et indiquez la décision.",
            "Choose credit terms among {0} days and write the decision."),
        ["programs.lead-not-found"] = (
            "Cette piste de vente n'est plus ouverte.",
            "That sales lead is no longer open."),
        ["events.not-found"] = (
            "Aucun événement ne porte l'identifiant {0}.",
            "No event has the id {0}."),
        ["events.invalid-query"] = (
            "Paramètres de liste non valides : « after » est le nextCursor d'une page précédente, « limit » va de 1 à {0}, « type » est l'un de : {1}.",
            "Invalid list parameters: \"after\" is a previous page's nextCursor, \"limit\" is 1 to {0}, \"type\" is one of: {1}."),
        ["webhooks.url-invalid"] = (
            "L'adresse « {0} » n'est pas une URL complète (https://…, 500 caractères au plus, sans identifiants). Rien n'a été enregistré.",
            "\"{0}\" is not a complete URL (https://…, at most 500 characters, no credentials). Nothing was saved."),
        ["webhooks.url-not-https"] = (
            "L'adresse « {0} » doit commencer par https:// : les événements ne sont envoyés que chiffrés. Rien n'a été enregistré.",
            "\"{0}\" must start with https://: events are only sent encrypted. Nothing was saved."),
        ["webhooks.url-internal"] = (
            "L'adresse « {0} » désigne un réseau interne (boucle locale, adresse privée ou lien local) : les événements ne sont envoyés qu'à des adresses publiques. Rien n'a été enregistré.",
            "\"{0}\" points into an internal network (loopback, private or link-local address): events are only sent to public addresses. Nothing was saved."),
        ["webhooks.no-event-types"] = (
            "Choisissez au moins un type d'événement parmi : {0}. Rien n'a été enregistré.",
            "Choose at least one event type among: {0}. Nothing was saved."),
        ["webhooks.key-not-found"] = (
            "Aucune clé d'API active ne porte le numéro {0}.",
            "No active API key has the number {0}."),
        ["webhooks.not-found"] = (
            "Aucun point de réception de webhooks ne porte le numéro {0}.",
            "No webhook endpoint has the number {0}."),
        ["webhooks.delivery-not-found"] = (
            "Aucun envoi de webhook ne porte le numéro {0}.",
            "No webhook delivery has the number {0}."),
        ["receipts.already-recorded"] = (
            "Un paiement de référence bancaire {0} est déjà enregistré : rien n'a été ajouté.",
            "A payment with bank reference {0} is already recorded: nothing was added."),
        ["receipts.currency-mismatch"] = (
            "Le compte {0} est facturé en {1} : ce paiement est dans une autre devise.",
            "Account {0} is billed in {1}: this payment is in another currency."),
        ["receipts.amount-positive"] = (
            "Le montant reçu doit être plus grand que zéro.",
            "The amount received must be more than zero."),
        ["receipts.currency"] = (
            "« {0} » n'est pas une devise acceptée : CAD ou USD.",
            "\"{0}\" is not an accepted currency: CAD or USD."),
        ["receipts.bank-reference"] = (
            "Indiquez la référence de la banque ou le numéro du chèque (64 caractères au plus).",
            "Give the bank's reference or the cheque number (64 characters at most)."),
        ["receipts.reference-too-long"] = (
            "La référence du payeur a plus de 500 caractères.",
            "The payer's reference is longer than 500 characters."),
        ["receipts.not-found"] = (
            "Le paiement reçu {0} n'existe pas.",
            "Received payment {0} does not exist."),
        ["receipts.invoice-not-applicable"] = (
            "La facture {0} ne peut pas recevoir le paiement {1} : elle n'existe pas, est d'un autre client ou d'une autre devise.",
            "Invoice {0} cannot take payment {1}: it does not exist, or belongs to another customer or currency."),
        ["receipts.invoice-paid"] = (
            "La facture {0} n'a plus de solde à payer.",
            "Invoice {0} has nothing left to pay."),
        ["receipts.amount-too-large"] = (
            "Le montant à appliquer doit être entre 0,01 et {0:0.00} (le moindre du solde de la facture et du montant non appliqué).",
            "The amount to apply must be between 0.01 and {0:0.00} (the lesser of the invoice balance and the unapplied amount)."),
        ["payments.invoice-not-open"] = (
            "La facture {0} n'est pas une facture impayée de ce compte.",
            "Invoice {0} is not an unpaid invoice of this account."),
        ["payments.nothing-chosen"] = (
            "Choisissez au moins une facture, ou entrez un montant.",
            "Choose at least one invoice, or enter an amount."),
        ["payments.invalid-amount"] = (
            "Le montant doit être supérieur à zéro, en dollars et cents, et ne peut dépasser le solde impayé ({0}).",
            "The amount must be greater than zero, in dollars and cents, and cannot exceed the unpaid balance ({0})."),
        ["payments.idempotency-key"] = (
            "Ce formulaire a expiré. Rechargez la page et soumettez de nouveau.",
            "This form has expired. Reload the page and submit again."),
        ["payments.holder-name"] = (
            "Indiquez le nom du titulaire du compte (100 caractères au plus).",
            "Enter the account holder's name (100 characters at most)."),
        ["payments.holder-name-latin"] = (
            "Indiquez le nom du titulaire tel que votre banque le connaît, en lettres latines (par exemple YAMATO KK) : les fichiers de débit bancaires n'acceptent que ces lettres, des chiffres et & - . , ' /.",
            "Enter the holder's name as your bank knows it, in Latin letters (for example YAMATO KK): bank debit files accept only those letters, digits and & - . , ' /."),
        ["payments.InstitutionNotThreeDigits"] = (
            "Le numéro d'institution a 3 chiffres (par exemple 003 ou 815).",
            "The institution number has 3 digits (for example 003 or 815)."),
        ["payments.TransitNotFiveDigits"] = (
            "Le numéro de transit (succursale) a 5 chiffres.",
            "The transit (branch) number has 5 digits."),
        ["payments.CanadianAccountNotSevenToTwelveDigits"] = (
            "Le numéro de compte canadien a de 7 à 12 chiffres.",
            "A Canadian account number has 7 to 12 digits."),
        ["payments.RoutingNotNineDigits"] = (
            "Le numéro d'acheminement (ABA) américain a 9 chiffres.",
            "A US routing (ABA) number has 9 digits."),
        ["payments.RoutingCheckDigitWrong"] = (
            "Ce numéro d'acheminement n'existe pas : son chiffre de contrôle ne correspond pas. Vérifiez-le sur un chèque.",
            "This routing number does not exist: its check digit does not match. Check it on a cheque."),
        ["payments.UsAccountNotFourToSeventeenDigits"] = (
            "Le numéro de compte américain a de 4 à 17 chiffres.",
            "A US account number has 4 to 17 digits."),
        ["returns.already-imported"] = (
            "Le fichier {0} a déjà été importé : rien n'a été changé.",
            "File {0} was already imported: nothing was changed."),
        ["bankfile.malformed"] = (
            "Fichier refusé, rien n'a été importé : ligne {0}, {1} : {2}.",
            "File refused, nothing was imported: line {0}, {1}: {2}."),
        ["bank.sftp-not-configured"] = (
            "Aucune connexion SFTP à la banque n'est configurée (Facturo:Bank:Sftp) : les fichiers restent dans le dossier d'envoi.",
            "No SFTP connection to the bank is configured (Facturo:Bank:Sftp): files stay in the outbox folder."),
        ["bank.sftp-failed"] = (
            "L'échange avec la banque ({0}) a échoué : {1}. Rien n'est perdu : les fichiers attendent et l'échange sera retenté.",
            "The exchange with the bank ({0}) failed: {1}. Nothing is lost: the files wait and the exchange will be tried again."),
        ["bank.sftp-host-key-refused"] = (
            "Le serveur {0} a présenté la clé d'hôte {1}, et non celle de la banque épinglée dans la configuration ({2}) : connexion refusée, rien n'a été envoyé. Vérifiez la clé auprès de la banque avant de changer la configuration.",
            "The server {0} presented host key {1}, not the bank's key pinned in the configuration ({2}): connection refused, nothing was sent. Check the key with the bank before changing the configuration."),
        ["bank.sftp-file-too-large"] = (
            "Le fichier {0} de la banque dépasse 50 Mo : il n'a pas été importé.",
            "The bank's file {0} is larger than 50 MB: it was not imported."),
        ["returns.unknown-item"] = (
            "Fichier refusé, rien n'a été importé : ligne {0}, le débit retourné ne correspond à aucun paiement envoyé (référence ou montant).",
            "File refused, nothing was imported: line {0}, the returned debit matches no payment that was sent (reference or amount)."),
        ["returns.other-format"] = (
            "Fichier refusé, rien n'a été importé : ligne {0}, {1} : le paiement {2} est parti dans un fichier {3} en {4}, pas dans un fichier {5} en {6}.",
            "File refused, nothing was imported: line {0}, {1}: payment {2} went out in a {3} file in {4}, not in a {5} file in {6}."),
        ["invoice.not-found"] = (
            "Aucune facture ne porte le numéro {0}.",
            "No invoice has the number {0}."),
        ["creditnote.invalid-amount"] = (
            "Le montant de la note de crédit doit être supérieur à zéro et ne peut dépasser le solde créditable de la facture ({0}).",
            "The credit note amount must be greater than zero and cannot exceed what is left to credit on the invoice ({0})."),
        ["creditnote.amount-or-lines"] = (
            "Indiquez soit le montant à créditer, soit les lignes de la facture à créditer (1 000 au plus), pas les deux.",
            "Give either the amount to credit or the invoice lines to credit (1,000 at most), not both."),
        ["creditnote.unknown-line"] = (
            "La facture n'a pas de ligne {0}, ou elle est nommée deux fois.",
            "The invoice has no line {0}, or it is named twice."),
        ["creditnote.line-invalid-amount"] = (
            "Ligne {0} : le montant crédité doit être supérieur à zéro, avec au plus deux décimales, et ne peut dépasser ce qui reste à créditer sur la ligne ({1}).",
            "Line {0}: the amount credited must be greater than zero, with at most two decimals, and cannot exceed what is left to credit on the line ({1})."),
        ["creditnote.missing-reason"] = (
            "Indiquez la raison de la note de crédit (500 caractères au plus).",
            "Give the reason for the credit note (500 characters at most)."),
        // Amounts typed in a form or on the command line ({0} what was typed, {1} the currency, {2} the largest amount): see Money.TryParse.
        ["amount.empty"] = (
            "Indiquez un montant, par exemple 1234,56.",
            "Enter an amount, for example 1234.56."),
        ["amount.not-a-number"] = (
            "« {0} » n'est pas un montant : écrivez des chiffres, par exemple 1234,56 ou 1 234,56 $.",
            "\"{0}\" is not an amount: write digits, for example 1234.56 or $1,234.56."),
        ["amount.negative"] = (
            "« {0} » est négatif : le montant doit être plus grand que zéro.",
            "\"{0}\" is negative: the amount must be more than zero."),
        ["amount.zero"] = (
            "Le montant doit être plus grand que zéro.",
            "The amount must be more than zero."),
        ["amount.too-many-decimals"] = (
            "« {0} » a plus de deux décimales : écrivez des dollars et des cents, par exemple 12,35.",
            "\"{0}\" has more than two decimals: write dollars and cents, for example 12.35."),
        ["amount.exponent"] = (
            "« {0} » est écrit en puissance de dix : écrivez le montant au long, par exemple 1000,00.",
            "\"{0}\" is written as a power of ten: write the amount in full, for example 1000.00."),
        ["amount.ambiguous"] = (
            "« {0} » peut se lire de deux façons (milliers ou décimales) : écrivez les cents, par exemple 1234,00 ou 1 234,00.",
            "\"{0}\" can be read two ways (thousands or decimals): write the cents, for example 1234.00 or 1,234.00."),
        ["amount.misplaced-separator"] = (
            "« {0} » a un séparateur mal placé : écrivez par exemple 1234,56 ou 1 234,56 (les milliers par groupes de trois).",
            "\"{0}\" has a misplaced separator: write for example 1234.56 or 1,234.56 (thousands in groups of three)."),
        ["amount.wrong-currency"] = (
            "« {0} » est dans une autre devise : ce montant est en {1}.",
            "\"{0}\" is in another currency: this amount is in {1}."),
        ["amount.too-large"] = (
            "« {0} » est trop grand : le montant maximal est {2}.",
            "\"{0}\" is too large: the most is {2}."),
        ["api.key-missing"] = (
            "Une clé d'API valide est requise dans l'en-tête X-Api-Key.",
            "A valid API key is required in the X-Api-Key header."),
        ["request.invalid-body"] = (
            "Le corps de la requête n'est pas un JSON valide pour cette opération.",
            "The request body is not valid JSON for this operation."),
        ["api.scope-missing"] = (
            "Cette clé d'API n'a pas la portée « {0} » que demande cette opération.",
            "This API key lacks the \"{0}\" scope this operation needs."),
        // API keys, scopes, rate limits and idempotency.
        ["api.rate-limited"] = (
            "Trop de requêtes avec cette clé d'API : réessayez dans {0} s.",
            "Too many requests with this API key: try again in {0} s."),
        ["apikey.name-invalid"] = (
            "Donnez à la clé un nom qui dit à quoi elle sert, en 100 caractères au plus.",
            "Give the key a name that says what it is for, in 100 characters at most."),
        ["apikey.scopes-missing"] = (
            "Choisissez au moins une portée pour la clé.",
            "Choose at least one scope for the key."),
        ["apikey.account-unknown"] = (
            "Aucun compte ne porte le numéro de client « {0} ».",
            "No account has the customer number \"{0}\"."),
        ["apikey.not-found"] = (
            "Cette clé d'API n'existe pas.",
            "This API key does not exist."),
        ["apikey.revoked"] = (
            "La clé « {0} » est révoquée : émettez-en une nouvelle.",
            "The key \"{0}\" is revoked: issue a new one."),
        ["idempotency.invalid-key"] = (
            "L'en-tête Idempotency-Key doit compter de 1 à 255 caractères ASCII imprimables (un UUID, par exemple).",
            "The Idempotency-Key header must be 1 to 255 printable ASCII characters (a UUID, for example)."),
        ["idempotency.key-reused"] = (
            "Cette Idempotency-Key a déjà servi pour une autre requête : utilisez une nouvelle clé pour une nouvelle requête.",
            "This Idempotency-Key was already used for a different request: use a new key for a new request."),
        ["idempotency.in-progress"] = (
            "Une requête avec cette Idempotency-Key est en cours : réessayez quand elle sera terminée.",
            "A request with this Idempotency-Key is still in progress: retry once it has finished."),

        // API resources: accounts, orders, invoices, credit notes, payments, bill runs, statements.
        // API payments and bill runs.
        ["payments.method"] = (
            "Mode de paiement inconnu : « {0} ». Valeurs permises : eft, cheque, debit.",
            "Unknown payment method: \"{0}\". Allowed values: eft, cheque, debit."),
        ["payments.amount-format"] = (
            "Le montant s'écrit comme une chaîne de dollars et de cents, avec un point et au plus deux décimales, par exemple \"1234.56\" (pas un nombre JSON). Rien n'a été enregistré.",
            "The amount is a string of dollars and cents, with a dot and at most two decimals, for example \"1234.56\" (not a JSON number). Nothing was recorded."),
        ["payments.received-on"] = (
            "Indiquez la date de réception (receivedOn, AAAA-MM-JJ), au plus tard aujourd'hui ({0}). Rien n'a été enregistré.",
            "Give the date received (receivedOn, YYYY-MM-DD), today ({0}) at the latest. Nothing was recorded."),
        ["payments.received-too-long-ago"] = (
            "La date de réception {0} remonte à plus de {1} jours : vérifiez l'année. Rien n'a été enregistré.",
            "The date received, {0}, is more than {1} days ago: check the year. Nothing was recorded."),
        ["payments.no-agreement"] = (
            "Le compte bancaire {0} n'a pas d'accord de débit préautorisé en vigueur signé par un administrateur ou un payeur de l'entreprise : aucun débit n'est fait. Le client l'accepte dans le portail, à son premier paiement.",
            "Bank account {0} has no pre-authorized debit agreement in force signed by one of the business's administrators or payers: no debit is made. The customer accepts one in the portal, with their first payment."),
        ["payments.debit-invoices-or-amount"] = (
            "Un débit paie soit les factures nommées (invoices, chacune pour son solde), soit un montant (amount, réparti sur les plus anciennes) : donnez l'un ou l'autre.",
            "A debit pays either the invoices named (invoices, each for its balance) or an amount (amount, spread over the oldest): give one or the other."),
        ["payments.not-found"] = (
            "Aucun paiement ne porte la référence {0}.",
            "No payment has the reference {0}."),
        ["billrun.before-first-period"] = (
            "La période {0} précède la première période de ce facturier ({1}) : il n'y a rien à y facturer, et une facturation ne se fait qu'une fois par période.",
            "Period {0} is before this biller's first period ({1}): there is nothing to bill in it, and a period is billed only once."),
        ["billrun.key-limited-to-accounts"] = (
            "Cette clé d'API est limitée à certains comptes : elle ne peut ni lancer ni lire une facturation, qui porte sur tous les comptes.",
            "This API key is limited to some accounts: it can neither start nor read a bill run, which bills every account."),
        ["billrun.not-found"] = (
            "Aucune facturation ne porte le numéro {0}.",
            "No bill run has the id {0}."),
        ["list.parameter-invalid"] = (
            "Le paramètre « {0} » n'est pas valide. Valeurs permises : {1}.",
            "The \"{0}\" parameter is not valid. Allowed: {1}."),
        ["api.cursor-invalid"] = (
            "Le curseur « after » n'est pas valide : passez tel quel le « nextCursor » de la page précédente.",
            "The \"after\" cursor is not valid: pass the previous page's \"nextCursor\" unchanged."),
        ["api.limit-invalid"] = (
            "La limite « limit » est un nombre entier de 1 à {0}.",
            "The \"limit\" is a whole number from 1 to {0}."),
        ["order.not-found"] = (
            "Aucune commande ne porte le numéro {0}.",
            "No order has the number {0}."),
        ["creditnote.not-found"] = (
            "Aucune note de crédit ne porte le numéro {0}.",
            "No credit note has the number {0}."),
        ["statement.not-found"] = (
            "Aucun relevé des frais ne porte le numéro {0}.",
            "No statement of charges has the number {0}."),
        ["api.filter-invalid"] = (
            "Le filtre « {0} » ne peut pas valoir « {1} ». Valeurs acceptées : {2}.",
            "The \"{0}\" filter cannot be \"{1}\". Accepted: {2}."),

        // Events and webhooks.

        // API contract: request bodies and the OpenAPI document.
        ["request.malformed-json"] = (
            "Le corps de la requête n'est pas un JSON valide (ligne {0}, position {1}). Rien n'a été enregistré.",
            "The request body is not valid JSON (line {0}, position {1}). Nothing was recorded."),
        ["request.invalid-field"] = (
            "Champ {0} : valeur refusée ; attendu : {1}. Rien n'a été enregistré.",
            "Field {0}: value refused; expected {1}. Nothing was recorded."),
        ["request.amount-expected"] = (
            "Champ {0} : un montant s'écrit comme une chaîne JSON, par exemple \"1234.56\" (au plus deux décimales, point décimal), jamais comme un nombre JSON. Rien n'a été enregistré.",
            "Field {0}: an amount is written as a JSON string such as \"1234.56\" (at most two decimals, a decimal point), never as a JSON number. Nothing was recorded."),
        ["request.missing-body"] = (
            "Cette opération attend un corps JSON, et la requête n'en a pas.",
            "This operation needs a JSON body, and the request has none."),
        ["request.unsupported-media-type"] = (
            "Le corps doit être du JSON : envoyez l'en-tête Content-Type: application/json.",
            "The body must be JSON: send the header Content-Type: application/json."),
        ["request.invalid-parameter"] = (
            "Le paramètre {0} n'a pas une valeur permise.",
            "Parameter {0} does not have an allowed value."),
        ["request.invalid"] = (
            "La requête est mal formée.",
            "The request is malformed."),
        ["request.not-found"] = (
            "Aucune opération de l'API n'existe à l'adresse {0}. La référence est à /api/v1/docs.",
            "No API operation exists at {0}. The reference is at /api/v1/docs."),
        ["request.method-not-allowed"] = (
            "L'adresse {1} n'accepte pas la méthode {0}.",
            "{1} does not accept the {0} method."),
        ["request.failed"] = (
            "Une erreur inattendue s'est produite de notre côté. Elle a été consignée ; réessayez plus tard et, si elle persiste, donnez-nous le traceId de cette réponse.",
            "Something unexpected went wrong on our side. It was logged; try again later and, if it persists, give us this answer's traceId."),
        ["order.line-missing-price"] = (
            "Ligne {0} : le prix unitaire (unitPrice) est obligatoire, par exemple \"18.95\". Aucune commande n'a été enregistrée.",
            "Line {0}: the unit price (unitPrice) is required, for example \"18.95\". No order was recorded."),
        ["order.line-control-characters"] = (
            "Ligne {0} : la description contient des caractères de contrôle (NUL, saut de ligne, tabulation…), qui ne sont pas acceptés.",
            "Line {0}: the description contains control characters (NUL, line break, tab…), which are not accepted."),
        ["order.too-many-lines"] = (
            "La commande a {0} lignes ; une commande en a au plus {1}. Scindez-la en plusieurs commandes.",
            "The order has {0} lines; an order has at most {1}. Split it into several orders."),
        ["order.invalid-currency"] = (
            "« {0} » n'est pas un code de devise (trois lettres majuscules, par exemple CAD).",
            "\"{0}\" is not a currency code (three capital letters, for example CAD)."),
        ["order.currency-not-the-accounts"] = (
            "La commande est en {0}, mais le compte {1} est facturé en {2} : omettez currency ou indiquez {2}. Aucune commande n'a été enregistrée.",
            "The order is in {0}, but account {1} is billed in {2}: leave currency out or give {2}. No order was recorded."),
        ["order.invalid-reference"] = (
            "La référence externe doit avoir de 1 à {0} caractères : lettres et chiffres ASCII et - _ . : / # (sans espace). Omettez-la si vous n'en avez pas.",
            "The external reference must be 1 to {0} characters: ASCII letters, digits and - _ . : / # (no spaces). Leave it out if you have none."),
        ["order.reference-reused"] = (
            "La référence externe {0} a déjà servi pour une autre commande de ce compte, au contenu différent. Aucune commande n'a été enregistrée ; utilisez une nouvelle référence.",
            "External reference {0} was already used for another order on this account, with different content. No order was recorded; use a new reference."),
    }.ToFrozenDictionary();

    public static IEnumerable<string> Codes => Texts.Keys;

    public static string Format(string code, Language language, params object[] arguments)
    {
        var (fr, en) = Texts[code];
        var culture = Cultures.For(language);
        return string.Format(culture, language == Language.Fr ? fr : en, arguments);
    }
}

public static class Cultures
{
    public static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-CA");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-CA");

    public static CultureInfo For(Language language) => language == Language.Fr ? French : English;

    /// <summary>"1 décembre 2026" / "December 1, 2026", as pages and emails write dates.</summary>
    public static string LongDate(DateOnly date, Language language) =>
        date.ToString(language == Language.Fr ? "d MMMM yyyy" : "MMMM d, yyyy", For(language));
}
