using System.Threading;

namespace Gateway.Protocol.Platform
{
    /// <summary>
    /// Starts the link's own threads (one writer per served stream). nanoFramework's plain <see cref="Thread"/> is the
    /// default; a desktop gives background threads so a board object never keeps its process alive.
    /// </summary>
    public interface IThreadStarter
    {
        void Start(ThreadStart body);
    }
}
