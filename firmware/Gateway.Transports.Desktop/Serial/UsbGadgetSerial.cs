using System;
using System.IO;

namespace Gateway.Transports.Desktop.Serial;

/// <summary>
/// The USB gadget serial port of a Linux device (the Raspberry Pi's USB-C port with <c>g_serial</c> or a CDC-ACM
/// gadget function: <c>/dev/ttyGS0</c>, <c>/dev/ttyGS1</c> …). Its driver (u_serial) has no line rate to set: it
/// implements no <c>set_termios</c>, so the tty core keeps the speed bits it was created with (9600) whatever is
/// asked, while the bytes move at USB speed. Opening such a port therefore sets raw 8N1 as usual but does not
/// demand the asked speed back (hardware-docs/transports.md).
/// </summary>
public static class UsbGadgetSerial
{
    /// <summary>The kernel's name prefix of u_serial ttys.</summary>
    public const string NamePrefix = "ttyGS";

    /// <summary>
    /// True when <paramref name="path"/>, after following symbolic links (udev aliases such as
    /// <c>/dev/serial/by-id/…</c> or one of the admin's own), names a u_serial tty: <c>ttyGS</c> and a number.
    /// </summary>
    public static bool IsGadgetTty(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = Path.GetFileName(FinalTarget(path));
        if (!name.StartsWith(NamePrefix, StringComparison.Ordinal) || name.Length == NamePrefix.Length)
        {
            return false;
        }

        for (int i = NamePrefix.Length; i < name.Length; i++)
        {
            if (name[i] is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static string FinalTarget(string path)
    {
        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException)
        {
            return path; // a link loop or an unreadable link: judge the name given
        }
        catch (UnauthorizedAccessException)
        {
            return path;
        }
    }
}
