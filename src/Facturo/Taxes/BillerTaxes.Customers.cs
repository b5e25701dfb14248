using Facturo.Accounts;

namespace Facturo.Taxes;

public sealed partial class BillerTaxes
{
    /// <summary>Each account's place of supply by default (its billing address) and the exemptions it holds, for documents taxed on <paramref name="taxPoint"/>.</summary>
    public Task<IReadOnlyDictionary<long, TaxCustomer>> CustomersAsync(IReadOnlyList<CustomerAccount> accounts, DateOnly taxPoint, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyDictionary<long, TaxCustomer> customers = accounts.ToDictionary(a => a.Id, a => TaxCustomer.In(a.Province!.Value));
        return Task.FromResult(customers);
    }
}
