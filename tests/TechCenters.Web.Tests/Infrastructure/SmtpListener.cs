using System.Buffers;
using System.Collections.Concurrent;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace TechCenters.Web.Tests.Infrastructure;

/// <summary>
/// A tiny SMTP server on a loopback port (the SmtpServer package), for tests: keeps every message it accepts, and refuses
/// those addressed to <see cref="RejectedRecipient"/> with a 554 (a permanent failure), as a real server would.
/// </summary>
public sealed class SmtpListener : IAsyncDisposable
{
    public const string RejectedRecipient = "bounce@example.test";
    public int Port { get; } = Processes.AppProcess.FreePort();
    public ConcurrentBag<MimeMessage> Received { get; } = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task running;

    public SmtpListener()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        running = new SmtpServer.SmtpServer(options, services).StartAsync(stop.Token);
    }

    private sealed class Store(SmtpListener owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken ct)
        {
            if (transaction.To.Any(t => $"{t.User}@{t.Host}" == RejectedRecipient)) return new SmtpResponse(SmtpReplyCode.TransactionFailed, "mailbox refused");
            await using var stream = new MemoryStream(buffer.ToArray());
            owner.Received.Add(await MimeMessage.LoadAsync(stream, ct));
            return SmtpResponse.Ok;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try { await running; } catch (OperationCanceledException) { }
    }
}
