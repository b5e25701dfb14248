using Microsoft.AspNetCore.DataProtection;

namespace Facturo.Payments;

/// <summary>
/// Bank account numbers are kept encrypted with the Data Protection key ring; only the bank-file writer
/// reads one whole, every page shows the last four digits.
/// </summary>
public sealed class BankAccountNumbers(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Facturo.BankAccountNumbers.v1");

    public string Protect(string accountNumber) => _protector.Protect(accountNumber);

    public string Reveal(string protectedAccountNumber) => _protector.Unprotect(protectedAccountNumber);
}
