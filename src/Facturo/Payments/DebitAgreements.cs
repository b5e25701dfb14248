using System.Globalization;
using Facturo.Accounts;

namespace Facturo.Payments;

/// <summary>
/// The text a person accepts before the first debit from a bank account. Canada: a business PAD
/// agreement with the seven elements Payments Canada Rule H1 requires (acceptance with date and name,
/// authority to debit, category, amount and timing, cancellation, payee contact, recourse). United
/// States: a corporate (CCD) ACH debit authorization. Versioned: the accepted text is stored whole.
/// </summary>
public static class DebitAgreements
{
    public const string Version = "2026-11";

    public static AuthorizationKind KindFor(BankCountry country) => country == BankCountry.CA ? AuthorizationKind.BusinessPad : AuthorizationKind.AchCorporate;

    /// <summary>The agreement as a person accepted it: the whole text they read, who, when and from where.</summary>
    public static DebitAuthorization Accepted(BankAccount bank, DebitScope scope, string text, Portal.PortalUser person, DateTimeOffset at, string ipAddress) => new()
    {
        BankAccountId = bank.Id,
        Kind = KindFor(bank.Country),
        Scope = scope,
        TextVersion = Version,
        Language = person.Language,
        Text = text,
        AcceptedAt = at,
        AcceptedByUserId = person.Id,
        AcceptedByName = person.FullName,
        IpAddress = ipAddress,
    };

    /// <param name="leaseCustomerNumber">Set for automatic debits of that account's lease invoices on their due dates; null for debits submitted in the portal.</param>
    public static string Text(BankAccount account, string payorName, BillerSettings payee, string personName, DateTimeOffset acceptedAt, Language language,
        string? leaseCustomerNumber = null)
    {
        var date = acceptedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var bank = account.Country == BankCountry.CA
            ? $"institution {account.Routing[..3]}, transit {account.Routing[3..]}, {(language == Language.Fr ? "compte" : "account")} {account.Masked}"
            : $"routing {account.Routing}, account {account.Masked}";
        if (account.Country == BankCountry.US)
        {
            return $"""
                ACH DEBIT AUTHORIZATION (CORPORATE, CCD) – version {Version}
                {payorName} ("we") authorize {payee.LegalName} to initiate ACH debit entries to our account ({bank}, held by {account.HolderName}) {(leaseCustomerNumber is null ? "for the amounts we submit in its e-billing portal, each debited within one business day of submission" : $"for the total of each lease invoice of customer account {leaseCustomerNumber}, on its due date; each invoice, emailed when issued, tells us the amount and date")}, and, if an entry is made in error, to correct it.
                This authorization stays in force until we revoke it in the portal (Payments) or by notice to {payee.LegalName} at {payee.SupportPhone} or {payee.SupportEmail}, in time to act on it before the next entry; entries already submitted may still be debited.
                Accepted electronically by {personName} on behalf of {payorName} on {date}.
                """;
        }
        return language == Language.Fr
            ? $"""
                ACCORD DE DPA D'ENTREPRISE – version {Version}
                1. Autorisation : {payorName} (« nous ») autorise {payee.LegalName} à débiter notre compte ({bank}, détenu par {account.HolderName}) {(leaseCustomerNumber is null ? "des montants que nous soumettons dans son portail de facturation électronique, pour payer nos factures" : $"du total de chaque facture de crédit-bail du compte client {leaseCustomerNumber}")}.
                2. Catégorie : DPA d'entreprise.
                3. Montant et date : {(leaseCustomerNumber is null
                    ? "montant et date variables, choisis par nous à chaque paiement dans le portail ; chaque débit est fait au plus tard le jour ouvrable suivant la soumission. La confirmation affichée et envoyée par courriel au moment de la soumission, avec le numéro de référence et le montant, tient lieu de préavis : nous renonçons à tout autre préavis."
                    : "le total de chaque facture de crédit-bail, débité à sa date d'échéance. La facture, envoyée par courriel à son émission au moins 10 jours avant l'échéance, tient lieu de préavis du montant et de la date.")}
                4. Annulation : nous pouvons annuler cet accord en tout temps dans le portail (Paiements) ou en avisant {payee.LegalName}; l'annulation vaut pour les débits soumis après l'avis et prend effet au plus tard 30 jours après celui-ci. Un modèle de formulaire d'annulation et des renseignements sur le droit d'annuler un accord de DPA sont offerts par notre institution financière ou à www.paiements.ca.
                5. Recours : nous avons certains droits de recours si un débit n'est pas conforme au présent accord. Par exemple, nous avons le droit de recevoir le remboursement de tout débit non autorisé ou non conforme au présent accord de DPA. Pour obtenir plus de renseignements sur nos droits de recours, nous pouvons communiquer avec notre institution financière ou visiter www.paiements.ca.
                6. Coordonnées du bénéficiaire : {payee.LegalName}, {payee.SupportPhone}, {payee.SupportEmail}.
                7. Acceptation : accepté électroniquement par {personName} au nom de {payorName} le {date}.
                """
            : $"""
                BUSINESS PAD AGREEMENT – version {Version}
                1. Authorization: {payorName} ("we") authorize {payee.LegalName} to debit our account ({bank}, held by {account.HolderName}) {(leaseCustomerNumber is null ? "for the amounts we submit in its e-billing portal, to pay our invoices" : $"for the total of each lease invoice of customer account {leaseCustomerNumber}")}.
                2. Category: business PAD.
                3. Amount and timing: {(leaseCustomerNumber is null
                    ? "variable amount and date, chosen by us for each payment in the portal; each debit is made no later than the business day after submission. The confirmation shown and emailed at submission, with the reference number and amount, is our notice: we waive any other pre-notification."
                    : "the total of each lease invoice, debited on its due date. The invoice, emailed when issued at least 10 days before its due date, is our notice of the amount and date.")}
                4. Cancellation: we may cancel this agreement at any time in the portal (Payments) or by notice to {payee.LegalName}; cancellation applies to debits submitted after the notice and takes effect no later than 30 days after it. A sample cancellation form, and more information on our right to cancel a PAD agreement, are available from our financial institution or at www.payments.ca.
                5. Recourse: we have certain recourse rights if any debit does not comply with this agreement. For example, we have the right to receive reimbursement for any debit that is not authorized or is not consistent with this PAD agreement. To obtain more information on our recourse rights, we may contact our financial institution or visit www.payments.ca.
                6. Payee contact: {payee.LegalName}, {payee.SupportPhone}, {payee.SupportEmail}.
                7. Acceptance: accepted electronically by {personName} on behalf of {payorName} on {date}.
                """;
    }
}
