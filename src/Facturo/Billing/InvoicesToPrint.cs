using System.IO.Compression;
using Facturo.Accounts;
using Facturo.Data;
using Facturo.Documents;
using Facturo.Emails;
using Facturo.Portal;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Billing;

/// <summary>An invoice to print and mail: routed to paper by the bill run, or emailed and refused for good.</summary>
public sealed record InvoiceToPrint(long InvoiceId, string CustomerNumber, string LegalName, string Address, Language Language, PaperReason? Reason, bool PaperFeeCharged, string? EmailError)
{
    public string InvoiceNumber => Invoice.FormatNumber(InvoiceId);
}

/// <summary>The period's paper invoices: the list the mail room works from, and one download holding every PDF to print.</summary>
public sealed class InvoicesToPrint(FacturoDbContext db)
{
    public async Task<IReadOnlyList<InvoiceToPrint>> ListAsync(BillingPeriod period, CancellationToken cancellationToken)
    {
        var periodText = period.ToString();
        var failedKeys = await db.OutboxEmails.Where(e => e.Kind == InvoicePdfEmails.Kind && e.State == EmailState.Failed)
            .Select(e => new { e.DedupKey, e.LastError }).ToListAsync(cancellationToken);
        var failed = failedKeys.ToDictionary(e => long.Parse(e.DedupKey![(InvoicePdfEmails.Kind.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture), e => e.LastError);
        var failedIds = failed.Keys.ToList();
        var rows = await (
                from delivery in db.InvoiceDeliveries
                where delivery.Period == periodText && (delivery.Channel == InvoiceChannel.Paper || failedIds.Contains(delivery.InvoiceId))
                join invoice in db.Invoices on delivery.InvoiceId equals invoice.Id
                join account in db.Accounts on delivery.AccountId equals account.Id
                orderby delivery.InvoiceId
                select new { delivery.InvoiceId, invoice.CustomerNumber, invoice.CustomerLegalName, invoice.CustomerAddress, account.Language, delivery.PaperReason, delivery.PaperFeeCharged })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new InvoiceToPrint(r.InvoiceId, r.CustomerNumber, r.CustomerLegalName, r.CustomerAddress, r.Language, r.PaperReason, r.PaperFeeCharged, failed.GetValueOrDefault(r.InvoiceId))).ToList();
    }

    /// <summary>A zip of the PDFs, each in its customer's language, named by invoice number in printing order.</summary>
    public async Task<byte[]> BundleAsync(IReadOnlyList<InvoiceToPrint> toPrint, CancellationToken cancellationToken)
    {
        var biller = await db.BillerSettings.AsNoTracking().SingleAsync(cancellationToken);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var chunk in toPrint.Chunk(100))
            {
                var ids = chunk.Select(p => p.InvoiceId).ToList();
                var invoices = await db.Invoices.AsNoTracking().AsSplitQuery().Include(i => i.Lines).Include(i => i.Taxes)
                    .Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
                foreach (var item in chunk)
                {
                    var pdf = InvoicePdf.Render(PortalDocuments.ModelOf(invoices[item.InvoiceId], biller), PortalDocuments.DocumentLanguageOf(item.Language));
                    var entry = archive.CreateEntry($"{item.InvoiceNumber}.pdf", CompressionLevel.Fastest);
                    await using var stream = await entry.OpenAsync(cancellationToken);
                    await stream.WriteAsync(pdf, cancellationToken);
                }
            }
        }
        return zip.ToArray();
    }
}
