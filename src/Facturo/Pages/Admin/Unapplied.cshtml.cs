using Facturo.Payments;
using Facturo.Platform;
using Facturo.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Facturo.Pages.Admin;

/// <summary>Money received by EFT, wire or cheque that is not applied to an invoice yet: apply it.</summary>
[Authorize(Policy = StaffAuth.BillingOperatorPolicy)]
public sealed class UnappliedModel(Operations operations) : Portal.PortalPage
{
    [BindProperty] public ReceiptMethod Method { get; set; } = ReceiptMethod.Cheque;
    [BindProperty] public string AmountReceived { get; set; } = "";
    [BindProperty] public string CurrencyCode { get; set; } = "CAD";
    [BindProperty] public DateOnly? ReceivedOn { get; set; }
    [BindProperty] public string BankReference { get; set; } = "";
    [BindProperty] public string PayerReference { get; set; } = "";
    [BindProperty] public string? PayerName { get; set; }
    [BindProperty] public string? CustomerNumber { get; set; }
    public IReadOnlyList<Receipt> Receipts { get; private set; } = [];
    /// <summary>What was typed in a row's apply form, shown again in that row when it is refused.</summary>
    public (long ReceiptId, string Invoice, string Amount)? Applying { get; private set; }
    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Receipts = await operations.UnappliedAsync(cancellationToken);

    public async Task OnPostRecordAsync(CancellationToken cancellationToken)
    {
        var amount = CurrencyCode is "CAD" or "USD"
            ? ReadAmount(AmountReceived, Currency.Parse(CurrencyCode))
            : UserError.Validation("receipts.currency", CurrencyCode);
        if (!amount.Succeeded)
        {
            Error = Message(amount.Error!);
        }
        else if (ReceivedOn is not { } received)
        {
            Error = T("Indiquez la date de réception.", "Give the day it was received.");
        }
        else
        {
            var recorded = await operations.RecordAsync(new ReceiptEntry(Method, amount.Value.Cents, CurrencyCode, received, PayerReference ?? "", BankReference ?? "",
                PayerName, string.IsNullOrWhiteSpace(CustomerNumber) ? null : CustomerNumber), cancellationToken);
            if (recorded.Succeeded)
            {
                var applied = string.Join(", ", recorded.Value!.Allocations.Select(a => Billing.Invoice.FormatNumber(a.InvoiceId)));
                Notice = T($"Paiement {recorded.Value.Reference} enregistré{(applied.Length > 0 ? $", appliqué à {applied}" : "")}.",
                    $"Payment {recorded.Value.Reference} recorded{(applied.Length > 0 ? $", applied to {applied}" : "")}.");
                ModelState.Clear();
                (AmountReceived, BankReference, PayerReference, PayerName, CustomerNumber, ReceivedOn) = ("", "", "", null, null, null);
            }
            else
            {
                Error = Message(recorded.Error!);
            }
        }
        Receipts = await operations.UnappliedAsync(cancellationToken);
    }

    public async Task OnPostAsync(long receiptId, string invoice, string amount, CancellationToken cancellationToken)
    {
        Receipts = await operations.UnappliedAsync(cancellationToken);
        Applying = (receiptId, invoice ?? "", amount ?? "");
        // The amount is in the receipt's currency; an unknown receipt is refused by ApplyAsync, whatever the amount.
        var currency = Receipts.SingleOrDefault(r => r.Id == receiptId) is { } receipt ? Currency.Parse(receipt.CurrencyCode) : Currency.Cad;
        var typed = ReadAmount(amount, currency);
        if (!typed.Succeeded)
        {
            Error = Message(typed.Error!);
            return;
        }
        var applied = await operations.ApplyAsync(receiptId, invoice ?? "", typed.Value.Cents, cancellationToken);
        (Notice, Error, Applying) = applied.Succeeded
            ? (T($"Appliqué à {invoice}.", $"Applied to {invoice}."), null, null)
            : ((string?)null, Message(applied.Error!), Applying);
        Receipts = await operations.UnappliedAsync(cancellationToken);
    }
}
