using Facturo.Platform;
using Facturo.Portal;

namespace Facturo.Payments;

/// <summary>Who may move a business's money: its administrators and payers, never viewers.</summary>
public static class Payers
{
    public static UserError? Refuse(PortalUser me) =>
        me.Role is PortalRole.Admin or PortalRole.Payer ? null : UserError.Forbidden("payments.payers-only");
}
