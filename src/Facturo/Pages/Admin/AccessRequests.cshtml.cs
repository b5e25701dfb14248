using Facturo.Portal;
using Facturo.Staff;
using Microsoft.AspNetCore.Authorization;

namespace Facturo.Pages.Admin;

/// <summary>Portal access requests no one at the customer can approve: accounts not on the portal, with no billing email on file.</summary>
[Authorize(Policy = StaffAuth.CustomerRelationsPolicy)]
public sealed class AccessRequestsModel(AccessRequestReviews reviews) : PortalPage
{
    public IReadOnlyList<AccessRequestRow> Pending { get; private set; } = [];
    public string? Notice { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Pending = await reviews.PendingAsync(cancellationToken);

    public async Task OnPostInviteAsync(long requestId, string confirmedEmail, CancellationToken cancellationToken)
    {
        var invited = await reviews.InviteAsync(requestId, confirmedEmail ?? "", cancellationToken);
        (Notice, Error) = invited.Succeeded ? (T($"Invitation envoyée à {invited.Value!.Email}.", $"Invitation sent to {invited.Value!.Email}."), null) : ((string?)null, Message(invited.Error!));
        Pending = await reviews.PendingAsync(cancellationToken);
    }

    public async Task OnPostRefuseAsync(long requestId, CancellationToken cancellationToken)
    {
        var refused = await reviews.RefuseAsync(requestId, cancellationToken);
        (Notice, Error) = refused.Succeeded ? (T("Demande refusée.", "Request refused."), null) : ((string?)null, Message(refused.Error!));
        Pending = await reviews.PendingAsync(cancellationToken);
    }
}
