using Facturo.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Taxes;

public sealed partial class BillerTaxes
{
    /// <summary>
    /// Each account's place of supply by default (its billing address: a province, or a country outside Canada) and the
    /// exemption certificates in force on <paramref name="taxPoint"/>, read for a whole bill-run batch in one query.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, TaxCustomer>> CustomersAsync(IReadOnlyList<CustomerAccount> accounts, DateOnly taxPoint, CancellationToken cancellationToken)
    {
        if (accounts.Count == 0)
        {
            return new Dictionary<long, TaxCustomer>();
        }
        // A bill-run batch is a range of ids: the range reads as one index scan, whatever the batch size.
        var (lowest, highest) = (accounts.Min(a => a.Id), accounts.Max(a => a.Id));
        var certificates = (await db.ExemptionCertificates.AsNoTracking()
                .Where(c => c.AccountId >= lowest && c.AccountId <= highest && c.ValidFrom <= taxPoint && (c.ValidUntil == null || c.ValidUntil >= taxPoint))
                .OrderBy(c => c.ValidFrom).ThenBy(c => c.Id)
                .Select(c => new { c.AccountId, c.Number, c.Kind, c.Taxes, c.Provinces, c.ValidFrom, c.ValidUntil })
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.AccountId, c => ExemptionCertificate.Exemption(c.Number, c.Kind, c.Taxes, c.Provinces, c.ValidFrom, c.ValidUntil));
        return accounts.ToDictionary(a => a.Id, a => new TaxCustomer(a.Address.PlaceOfSupply, certificates[a.Id].ToList()));
    }
}
