using Facturo.Accounts;
using Facturo.Portal;

namespace Facturo.Payments;

/// <summary>What the person whose agreement allows a debit is told, before the debit reaches the bank.</summary>
public static class PaymentEmails
{
    public static (string Subject, string Body) Submitted(DebitOrigin origin, PortalUser me, string reference, string amount, string customerNumber, string invoices, string bank) =>
        (origin, me.Language) switch
        {
            (DebitOrigin.LeaseSchedule, Language.Fr) => ($"Débit automatique {reference} : {amount}",
                $"Bonjour {me.FullName},\n\nComme convenu dans l'accord de débit automatique des factures de crédit-bail du compte {customerNumber}, la facture {invoices} de {amount} sera débitée du compte bancaire {bank} d'ici un jour ouvrable (référence {reference}). Son état est affiché dans le portail (Paiements)."),
            (DebitOrigin.LeaseSchedule, _) => ($"Automatic debit {reference}: {amount}",
                $"Hello {me.FullName},\n\nAs agreed in the automatic debit agreement for the lease invoices of account {customerNumber}, invoice {invoices} of {amount} will be debited from bank account {bank} within one business day (reference {reference}). Its status is shown in the portal (Payments)."),
            (DebitOrigin.StaffRetry, Language.Fr) => ($"Nouveau débit {reference} : {amount}",
                $"Bonjour {me.FullName},\n\nVotre banque ayant retourné un paiement précédent, nous débiterons de nouveau {amount} pour le compte {customerNumber} (factures {invoices}) du compte bancaire {bank} d'ici un jour ouvrable, selon votre accord de débit (référence {reference}). Si ce n'est pas ce qui a été convenu avec nous, appelez-nous avant ce débit."),
            (DebitOrigin.StaffRetry, _) => ($"New debit {reference}: {amount}",
                $"Hello {me.FullName},\n\nAs your bank returned an earlier payment, we will debit {amount} again for account {customerNumber} (invoices {invoices}) from bank account {bank} within one business day, under your debit agreement (reference {reference}). If that is not what was agreed with us, call us before this debit."),
            (_, Language.Fr) => ($"Paiement {reference} reçu : {amount}",
                $"Bonjour {me.FullName},\n\nNous avons reçu votre paiement {reference} de {amount} pour le compte {customerNumber} (factures {invoices}). Il sera débité du compte bancaire {bank} d'ici un jour ouvrable. Son état est affiché dans le portail (Paiements)."),
            _ => ($"Payment {reference} received: {amount}",
                $"Hello {me.FullName},\n\nWe received your payment {reference} of {amount} for account {customerNumber} (invoices {invoices}). It will be debited from bank account {bank} within one business day. Its status is shown in the portal (Payments)."),
        };
}
