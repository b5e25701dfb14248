using MailKit.Net.Smtp;
using MimeKit;

namespace Facturo.Emails;

/// <summary>
/// Why an email was not delivered, and what that means for it: refused for good (a 5xx reply to its recipient or
/// its content, an address that cannot be written) fails it now; anything else is tried again later. A failure of
/// the server itself (unreachable, timed out, our sender or credentials refused) stops the round: the emails after
/// it would meet the same failure.
/// </summary>
public sealed record DeliveryFailure(string Error, bool Permanent, bool WholeServer)
{
    public static DeliveryFailure Of(Exception exception) => exception switch
    {
        SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted } refused =>
            new($"SMTP {(int)refused.StatusCode}: {refused.Message}", Permanent: (int)refused.StatusCode >= 500, WholeServer: false),
        ParseException => new($"The address cannot be used: {exception.Message}", Permanent: true, WholeServer: false),
        SmtpCommandException command => new($"SMTP {(int)command.StatusCode}: {command.Message}", Permanent: false, WholeServer: true),
        _ => new($"{exception.GetType().Name}: {exception.Message}", Permanent: false, WholeServer: true),
    };
}
