using Facturo.Payments;
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
    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Receipts = await operations.UnappliedAsync(cancellationToken);

    public async Task OnPostRecordAsync(CancellationToken cancellationToken)
    {
        if (!TryParseAmount(AmountReceived, out var dollars) || decimal.Round(dollars, 2) != dollars || ReceivedOn is not { } received)
        {
            Error = T("Indiquez le montant en dollars et cents et la date de réception.", "Give the amount in dollars and cents and the day it was received.");
        }
        else
        {
            var recorded = await operations.RecordAsync(new ReceiptEntry(Method, (long)(dollars * 100), CurrencyCode, received, PayerReference ?? "", BankReference ?? "",
                PayerName, string.IsNullOrWhiteSpace(CustomerNumber) ? null : CustomerNumber), cancellationToken);
            if (recorded.Succeeded)
            {
                var applied = string.Join(", ", recorded.Value!.Allocations.Select(a => Billing.Invoice.FormatNumber(a.InvoiceId)));
                Notice = T($"Paiement {recorded.Value.Reference} enregistré{(applied.Length > 0 ? $", appliqué à {applied}" : "")}.",
                    $"Payment {recorded.Value.Reference} recorded{(applied.Length > 0 ? $", applied to {applied}" : "")}.");
                ModelState.Clear();
                (AmountReceived, BankReference, PayerReference, PayerName, CustomerNumber) = ("", "", "", null, null);
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
        if (!TryParseAmount(amount ?? "", out var dollars) || decimal.Round(dollars, 2) != dollars)
        {
            Error = T("Le montant doit être en dollars et cents, plus grand que zéro.", "The amount must be in dollars and cents, more than zero.");
        }
        else
        {
            var applied = await operations.ApplyAsync(receiptId, invoice ?? "", (long)(dollars * 100), cancellationToken);
            (Notice, Error) = applied.Succeeded
                ? (T($"Appliqué à {invoice}.", $"Applied to {invoice}."), null)
                : ((string?)null, Message(applied.Error!));
        }
        Receipts = await operations.UnappliedAsync(cancellationToken);
    }
}
