using System;
using System.IO;
using System.Threading;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Gateway.Protocol.Platform;
using Gateway.Transports.Desktop.Pty;
using Gateway.Transports.Desktop.Serial;

namespace Gateway.Benchmarks
{
    /// <summary>
    /// The round trip of the two host serial implementations over a real pseudo-terminal (hardware-docs/transports.md,
    /// "Two serial implementations"): the host writes <see cref="Bytes"/> bytes to the slave, a thread on the master
    /// echoes whatever arrives, the host reads until all have come back. Nothing else is in the path (no link, no board),
    /// so the difference is the implementations' own wait: poll on the tty (termios) against System.IO.Ports' 1 ms loop.
    /// </summary>
    [Config(typeof(InProcessShortRun))]
    public class SerialRoundTripBenchmarks
    {
        private PseudoTerminal pty = null!;
        private Stream host = null!;
        private Thread echo = null!;
        private byte[] message = null!;
        private byte[] back = null!;

        [Params(SerialImplementation.Termios, SerialImplementation.Ports)]
        public SerialImplementation Implementation { get; set; }

        [Params(1, 64)]
        public int Bytes { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            pty = PseudoTerminal.Open(holdSlaveOpen: true);
            host = SerialTransport.Open(pty.SlavePath, new SerialSettings { BaudRate = 3_000_000, Implementation = Implementation });
            message = new byte[Bytes];
            back = new byte[Bytes];
            new Random(1).NextBytes(message);
            IByteStream master = pty.Master;
            echo = new Thread(() =>
            {
                var buffer = new byte[4096];
                int n;
                while ((n = master.Read(buffer, 0, buffer.Length, -1)) > 0)
                {
                    master.Write(buffer, 0, n);
                }
            }) { IsBackground = true, Name = "echo" };
            echo.Start();
        }

        /// <summary>ShortRun in this process: nothing here needs a separate build, which on a busy machine outlasts BenchmarkDotNet's 2-minute limit.</summary>
        private sealed class InProcessShortRun : ManualConfig
        {
            public InProcessShortRun()
            {
                AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
            }
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            host.Dispose();
            pty.Dispose();
        }

        [Benchmark(Description = "write, echo, read back (sync)")]
        public int RoundTrip()
        {
            host.Write(message, 0, message.Length);
            host.ReadExactly(back);
            return back[0];
        }

        [Benchmark(Description = "write, echo, read back (async)")]
        public int RoundTripAsync()
        {
            host.WriteAsync(message).AsTask().GetAwaiter().GetResult();
            host.ReadExactlyAsync(back).AsTask().GetAwaiter().GetResult();
            return back[0];
        }
    }
}
