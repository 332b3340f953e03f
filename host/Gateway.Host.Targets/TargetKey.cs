using System;
using Gateway.Host.Link;
using Gateway.Protocol.Link;

namespace Gateway.Host.Targets;

/// <summary>
/// The board's key for a target: given (tests); else the development key when named (<c>--dev-key</c> or
/// <c>?key=dev</c>); else the key file (<c>--key-file</c>, else <c>GATEWAY_KEY_FILE</c>); else, for the emulated board
/// behind the link (<c>link+emu:</c>, <c>pty:</c>), the development key. Whatever the way, the link client goes on with
/// the development key only when the board announces itself as emulated (hardware-docs/link.md §6).
/// </summary>
internal static class TargetKey
{
    /// <summary>Resolves and loads the key; a missing or unreadable key file, or a real board without a key, is a usage error.</summary>
    public static byte[] Resolve(TargetUri uri, TargetSettings settings)
    {
        if (settings.Key != null)
        {
            return settings.Key;
        }

        if (uri.DevelopmentKey || settings.DevelopmentKey)
        {
            if (settings.KeyFile != null)
            {
                throw new TargetException($"target '{uri}': give the board's key file or the development key (--dev-key, ?key=dev), not both", usage: true);
            }

            return DevelopmentKey.Create();
        }

        string? file = LinkKeyFile.Resolve(settings.KeyFile);
        if (file != null)
        {
            byte[] key;
            try
            {
                key = LinkKeyFile.Load(file);
            }
            catch (LinkException e)
            {
                throw new TargetException(e.Message, usage: true, e);
            }

            if (settings.Verbose && LinkKeyFile.PermissionWarning(file) is { } warning)
            {
                settings.Log?.Invoke(warning);
            }

            return key;
        }

        if (uri.IsEmulatedBoard)
        {
            return DevelopmentKey.Create();
        }

        throw new TargetException(
            $"target '{uri}' needs the board's key: --key-file PATH or {LinkKeyFile.EnvironmentVariable}; a board served by 'gateway emulate' takes --dev-key",
            usage: true);
    }
}
