using System;
using Gateway.Host.Link;
using Gateway.Protocol.Link;

namespace Gateway.Host.Targets;

/// <summary>The board's key for a target: given, else the key file (<c>--key-file</c>, else <c>GATEWAY_KEY_FILE</c>), else the development key of the emulated board.</summary>
internal static class TargetKey
{
    /// <summary>Resolves and loads the key; a missing or unreadable key file, or a real board without a key, is a usage error.</summary>
    public static byte[] Resolve(TargetUri uri, TargetSettings settings)
    {
        if (settings.Key != null)
        {
            return settings.Key;
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

        throw new TargetException($"target '{uri}' needs the board's key: --key-file PATH or {LinkKeyFile.EnvironmentVariable}", usage: true);
    }
}
