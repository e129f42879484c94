using System.Net;
using CqpJury.Tests.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace CqpJury.Tests.Integration.Instances;

/// <summary>
/// Two app instances on one database (as behind a load balancer): the keys protecting sign-in
/// cookies are in the database, so a member signed in on one instance is signed in on the other.
/// Runs on SQLite and, in CqpJury.Tests.Postgres, on PostgreSQL.
/// </summary>
public sealed class SharedKeysTests : IDisposable
{
    private readonly CqpJuryAppFactory _a = new(dataRoot: null, deleteOnDispose: true);
    private readonly CqpJuryAppFactory _b;

    public SharedKeysTests()
    {
        _b = new CqpJuryAppFactory(_a.DataRoot, deleteOnDispose: false);
    }

    public void Dispose()
    {
        _b.Dispose();
        _a.Dispose();
    }

    [Fact]
    public async Task A_sign_in_cookie_issued_by_one_instance_is_accepted_by_the_other()
    {
        var (email, password) = await _a.CreateSecretariatAsync();
        using var onA = _a.CreateBrowserLikeClient();
        var signIn = await onA.SignInAsync(email, password);
        Assert.True(signIn.IsRedirect(), $"Sign-in on A answered {(int)signIn.StatusCode}");
        var cookie = signIn.Headers.GetValues(HeaderNames.SetCookie).Single(c => c.StartsWith("CqpJury.Auth=", StringComparison.Ordinal));

        // The same browser, sent to instance B by the load balancer.
        using var onB = _b.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/secretariat/sessions");
        request.Headers.Add(HeaderNames.Cookie, cookie.Split(';')[0]);
        using var response = await onB.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // Without the cookie, B sends the visitor to the sign-in page: the 200 above is the cookie's doing.
        using var anonymous = await onB.GetAsync(new Uri("/secretariat/sessions", UriKind.Relative));
        Assert.True(anonymous.IsRedirect());
    }

    [Fact]
    public async Task Both_instances_read_the_same_key_ring_and_it_is_kept_in_the_database()
    {
        var protectedOnA = _a.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("CQP");
        Assert.Equal("CQP", _b.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedOnA));

        // In the database, not in a folder of one machine.
        await _a.WithDbAsync(async db => Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync()));
        Assert.False(Directory.Exists(Path.Combine(_a.DataRoot, "keys")));
    }
}
