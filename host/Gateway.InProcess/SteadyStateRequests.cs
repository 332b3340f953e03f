using System;
using Gateway.Protocol.Link;
using Gateway.Protocol.Qnx;
using static Gateway.Protocol.Desktop.QnxRequests;

namespace Gateway.InProcess;

/// <summary>
/// The board's steady state (system.md §6 "board core"), shared by the allocation regression test and the
/// BenchmarkDotNet benchmarks: the memory manager (pid 1) and a client (pid 2) declared in session 0, the client
/// holding <c>/dev/gpio/bank0</c> (fd 3) and <c>/data/app</c> (fd 4) open O_RDWR, and each file mapped once, so
/// its mapping OCB exists. Every request below is then one the board answers again and again without creating
/// anything: the messages are encoded once, the reply buffer is preallocated, and <see cref="Send"/> calls
/// <see cref="IMessageHandler.Handle"/> exactly as the link does.
/// </summary>
public sealed class SteadyStateRequests
{
    public const int Session = 0;
    public const int MmPid = 1;
    public const int ClientPid = 2;
    public const int BankFd = 3;
    public const int FileFd = 4;
    public const int BankMappingCoid = 0x40000000;
    public const int FileMappingCoid = 0x40000001;

    /// <summary>A coid the memory manager never binds: the reused mapping OCB answers with its own coid (RM-15).</summary>
    public const int FreshMmCoid = 0x40000100;

    /// <summary>GPIO bank INPUT, OUTPUT and DIRECTION registers (hardware-docs/register-maps.md "gpio-bank").</summary>
    public const long InputRegister = 0x00;
    public const long OutputRegister = 0x04;
    public const long DirectionRegister = 0x08;

    public const int PageSize = 4096;

    /// <summary>A pid no session declared.</summary>
    public const int UndeclaredPid = 999;

    private readonly IMessageHandler handler;

    public SteadyStateRequests(IMessageHandler handler, int replyCapacity = 16384)
    {
        this.handler = handler;
        ReplyBuffer = new byte[replyCapacity + 64];
        Reply = new Reply(ReplyBuffer, 32, replyCapacity);

        Expect(handler.DeclareProcess(Session, MmPid, Cred(0, 0), true) == Errno.EOK, "declare the memory manager");
        Expect(handler.DeclareProcess(Session, ClientPid, Cred(0, 0), true) == Errno.EOK, "declare the client");
        Expect(Run(ClientPid, BankFd, Connect("dev/gpio/bank0", OpenFlags.ReadWrite)), "open /dev/gpio/bank0");
        Expect(Run(ClientPid, FileFd, Connect("data/app", OpenFlags.ReadWrite)), "open /data/app");
        Expect(Run(MmPid, BankMappingCoid, Mmap(ClientPid, BankFd, Prot.Read | Prot.Write, Prot.Read | Prot.Write, 0, PageSize)), "map bank0");
        Expect(Run(MmPid, FileMappingCoid, Mmap(ClientPid, FileFd, Prot.Read | Prot.Write, Prot.Read, 0, 2 * PageSize)), "map /data/app");
        Expect(Run(MmPid, BankMappingCoid, WriteWord(0xFFFFFFFF, DirectionRegister)), "make every bank0 pin an output");

        MmapBank = Mmap(ClientPid, BankFd, Prot.Read | Prot.Write, Prot.Read | Prot.Write, 0, PageSize);
        PageIn = Concat(Lseek(0, Whence.Set, IoMessageType.CombineFlag), Read(PageSize));
        RegisterStore = WriteWord(0x5A5AA5A5, OutputRegister);
        RegisterLoad = Read(4, InputRegister);
    }

    public byte[] ReplyBuffer { get; }

    public Reply Reply { get; }

    /// <summary><c>_IO_MMAP</c> of bank0 (the client's fd 3), sent on <see cref="FreshMmCoid"/>: checks, mapping OCB reused, 184-byte reply.</summary>
    public byte[] MmapBank { get; }

    /// <summary>A page-in (MM-7): <c>_IO_LSEEK</c>(SEEK_SET 0) + <c>_IO_READ</c> of 4096 bytes, combined, on /data/app's mapping coid.</summary>
    public byte[] PageIn { get; }

    /// <summary>
    /// A 32-bit register store (MM-8): 4-byte <c>_IO_WRITE</c> + <c>_IO_XTYPE_OFFSET</c> to OUTPUT, on bank0's
    /// mapping coid; the pins are outputs, so it drives them through the HAL.
    /// </summary>
    public byte[] RegisterStore { get; }

    /// <summary>A 32-bit register load: 4-byte <c>_IO_READ</c> + <c>_IO_XTYPE_OFFSET</c> of INPUT (the pin levels, read through the HAL), on bank0's mapping coid.</summary>
    public byte[] RegisterLoad { get; }

    public void SendMmap() => handler.Handle(Session, MmPid, FreshMmCoid, MmapBank, 0, MmapBank.Length, Reply);

    public void SendPageIn() => handler.Handle(Session, MmPid, FileMappingCoid, PageIn, 0, PageIn.Length, Reply);

    public void SendRegisterStore() => handler.Handle(Session, MmPid, BankMappingCoid, RegisterStore, 0, RegisterStore.Length, Reply);

    /// <summary>The _IO_MMAP from a pid no session declared: refused EPERM (behaviour.md §0).</summary>
    public void SendUndeclaredPid() => handler.Handle(Session, UndeclaredPid, FreshMmCoid, MmapBank, 0, MmapBank.Length, Reply);

    public void SendRegisterLoad() => handler.Handle(Session, MmPid, BankMappingCoid, RegisterLoad, 0, RegisterLoad.Length, Reply);

    private bool Run(int pid, int coid, byte[] message)
    {
        handler.Handle(Session, pid, coid, message, 0, message.Length, Reply);
        return !Reply.IsError;
    }

    private void Expect(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"steady state: {what} failed (errno {Reply.Value})");
        }
    }
}
