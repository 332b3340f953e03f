using System.Threading;
using Gateway.Protocol.Platform;

namespace Gateway.Protocol.Desktop.Platform;

/// <summary>The link's threads on a desktop: background threads, so a board never keeps its process alive.</summary>
public sealed class BackgroundThreads : IThreadStarter
{
    public static readonly BackgroundThreads Instance = new();

    private BackgroundThreads()
    {
    }

    public void Start(ThreadStart body) => new Thread(body) { IsBackground = true, Name = "link-writer" }.Start();
}
