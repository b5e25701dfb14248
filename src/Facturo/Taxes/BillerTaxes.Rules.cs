namespace Facturo.Taxes;

public sealed partial class BillerTaxes
{
    /// <summary>The rates and the taxability rules in force, read once per bill run or order.</summary>
    public Task<SalesTax> SalesTaxAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(SalesTax.Canada);
    }
}
