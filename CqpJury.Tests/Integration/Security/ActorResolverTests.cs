using CqpJury.App.Data.Entities;
using CqpJury.App.Services;
using CqpJury.App.Services.Security;
using CqpJury.Domain.Juries;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration.Security;

public sealed class ActorResolverTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    [Fact]
    public async Task Secretariat_is_resolved_with_its_role()
    {
        var (email, _) = await _factory.CreateSecretariatAsync();
        var actor = await _factory.AsUserAsync(email, sp => sp.GetRequiredService<ActorResolver>().RequireSecretariatAsync("test"));
        Assert.True(actor.IsSecretariat);
        Assert.Null(actor.JuryMemberId);
    }

    [Fact]
    public async Task Member_is_refused_secretariat_actions_with_a_French_message()
    {
        var (_, email, _) = await _factory.CreateMemberWithAccountAsync("Léa", "Durand", Seat.TradeExpert);
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _factory.AsUserAsync(email, sp => sp.GetRequiredService<ActorResolver>().RequireSecretariatAsync("test")));
        Assert.Equal("Cette action est réservée au secrétariat de la CPEF.", ex.Message);
    }

    [Fact]
    public async Task Deactivated_account_loses_access_at_once_in_an_open_scope()
    {
        var (_, email, _) = await _factory.CreateMemberWithAccountAsync("Paul", "Martin", Seat.EmployerRepresentative);
        await _factory.AsUserAsync(email, async sp =>
        {
            var resolver = sp.GetRequiredService<ActorResolver>();
            Assert.NotNull(await resolver.TryGetAsync());
            await _factory.WithDbAsync(db => db.Users.Where(u => u.Email == email)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));
            await Assert.ThrowsAsync<AccessDeniedException>(() => resolver.RequireAsync("voter"));
        });
    }

    [Fact]
    public async Task Anonymous_is_refused()
    {
        await _factory.AnonymousAsync(async sp =>
        {
            var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => sp.GetRequiredService<ActorResolver>().RequireAsync("lire"));
            Assert.Contains("reconnectez-vous", ex.Message, StringComparison.Ordinal);
        });
    }

    public void Dispose() => _factory.Dispose();
}
