namespace Facturo.Accounts;

public static class AccountsRegistration
{
    /// <summary>Creating, editing and importing customer accounts in the back office and at the command line.</summary>
    public static IServiceCollection AddAccountAdministration(this IServiceCollection services) => services
        .AddScoped<OpenAccount>()
        .AddScoped<EditAccount>()
        .AddScoped<ImportAccounts>()
        .AddScoped<ImportConfirmations>();
}
