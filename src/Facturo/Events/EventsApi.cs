using System.Text.Json;
using Facturo.Api;
using Facturo.Data;
using Facturo.Platform;
using Microsoft.EntityFrameworkCore;

namespace Facturo.Events;

/// <summary>An event as integrators read it, in a list, alone, or as a webhook's body: <c>data</c> is the snapshot the type describes.</summary>
public sealed record EventView(string Id, string Type, DateTimeOffset CreatedAt, string CustomerNumber, string ObjectId, JsonElement Data)
{
    public static EventView Of(Event e) => new(e.PublicId, e.Type, e.CreatedAt, e.CustomerNumber, e.ObjectId, JsonSerializer.Deserialize<JsonElement>(e.Payload));
}

/// <summary>
/// GET /api/v1/events: what happened, oldest first, a page at a time after a cursor; filtered by type and account, and
/// only of the accounts the key may reach. Events are written in id order inside their transactions, so a reader
/// keeping the last cursor sees each event once.
/// </summary>
public static class EventsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/events", async (string? after, int? limit, string? type, string? customerNumber, FacturoDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        {
            var take = limit ?? ApiCursor.DefaultLimit;
            if (!ApiCursor.TryDecode(after, out var lastId) || take is < 1 or > ApiCursor.MaximumLimit || (type is not null && !EventTypes.All.Contains(type)))
            {
                return ApiProblems.From(UserError.Validation("events.invalid-query", ApiCursor.MaximumLimit, string.Join(", ", EventTypes.All)), http);
            }
            var caller = ApiCaller.Of(http);
            var events = db.Events.AsNoTracking().Where(e => e.Id > lastId);
            if (caller.Accounts is { } reachable)
            {
                events = events.Where(e => reachable.Contains(e.CustomerNumber));
            }
            if (type is not null)
            {
                events = events.Where(e => e.Type == type);
            }
            if (customerNumber is not null)
            {
                events = events.Where(e => e.CustomerNumber == customerNumber);
            }
            var rows = await events.OrderBy(e => e.Id).Take(take + 1).ToListAsync(cancellationToken);
            return Results.Ok(ApiCursor.Page(rows, take, e => e.Id, EventView.Of));
        }).WithName("ListEvents").Produces<ApiPage<EventView>>().WithSummary("The events of the accounts the key reaches, oldest first, a cursor page at a time; filters type and customerNumber").RequireScope(ApiScope.Read);

        api.MapGet("/events/{id}", async (string id, FacturoDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        {
            var found = Event.ParseId(id) is { } eventId ? await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken) : null;
            return found is null || !ApiCaller.Of(http).MayReach(found.CustomerNumber)
                ? ApiProblems.From(UserError.NotFound("events.not-found", id), http)
                : Results.Ok(EventView.Of(found));
        }).WithName("GetEvent").Produces<EventView>().WithSummary("One event, by its id (evt_…)").RequireScope(ApiScope.Read);
    }
}
