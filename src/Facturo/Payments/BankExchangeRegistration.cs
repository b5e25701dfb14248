using Microsoft.Extensions.Options;

namespace Facturo.Payments;

/// <summary>The SFTP connection to the bank: its settings checked at start, the exchange, its metrics.</summary>
public static class BankExchangeRegistration
{
    public static IServiceCollection AddBankExchange(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BankSftpOptions>().Bind(configuration.GetSection(BankSftpOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BankSftpOptions>, BankSftpOptionsValidation>();
        services.AddSingleton<BankExchangeMetrics>();
        services.AddScoped<ExchangeWithBank>();
        return services;
    }
}
