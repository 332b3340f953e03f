using System;
using Gateway.Protocol.Messages;

namespace Gateway.Host.Memory;

/// <summary>The signal a memory access raised (QNX numbers): none, SIGBUS (10) or SIGSEGV (11).</summary>
public enum Signal
{
    None = 0,

    /// <summary>SIGBUS: a page wholly past st_size, or the board answered the access with an errno (MM-7, MM-9).</summary>
    Bus = 10,

    /// <summary>SIGSEGV: an unmapped address, a PROT_NONE page, or a store without PROT_WRITE (MM-9). No message is sent.</summary>
    Segv = 11,
}
