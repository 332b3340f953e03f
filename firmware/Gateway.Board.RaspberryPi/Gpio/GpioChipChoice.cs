using System.Collections.Generic;
using System.Linq;
using System.Text;
using Gateway.Board.RaspberryPi.Interop;
using Gateway.Protocol.Desktop.Platform;

namespace Gateway.Board.RaspberryPi.Gpio;

/// <summary>
/// Picks the header GPIO chip from what <see cref="GpioChip.Probe"/> found, or says why none fits and what to do:
/// the other Pi's chip (give <c>--model</c>), a chip this user may not open (join its group), no chip at all.
/// Pure, so every message is tested from made-up probes.
/// </summary>
public static class GpioChipChoice
{
    /// <summary>
    /// Chooses the chip labelled for <paramref name="model"/>; with no model (detection found no device tree), the
    /// first chip carrying either Pi's label, whose label then decides the model.
    /// </summary>
    public static bool TryChoose(IReadOnlyList<GpioChipProbe> probes, PiModel? model, uint uid, IReadOnlyList<uint> groups,
        out GpioChipDescription? chip, out PiModel resolved, out string? error)
    {
        chip = null;
        resolved = model ?? PiModel.Pi4;
        error = null;
        foreach (GpioChipProbe probe in probes)
        {
            if (probe.Chip == null)
            {
                continue;
            }

            PiModel? of = GpioChip.ModelOfLabel(probe.Chip.Label);
            if (of != null && (model == null || model == of))
            {
                chip = probe.Chip;
                resolved = of.Value;
                return true;
            }
        }

        string wanted = model == null
            ? $"labelled {GpioChip.Pi4Label} (Raspberry Pi 4) or {GpioChip.Pi5Label} (Raspberry Pi 5)"
            : $"labelled {GpioChip.LabelOf(model.Value)} ({PiBoard.ModelName(model.Value)})";

        GpioChipProbe? other = probes.FirstOrDefault(p => p.Chip != null && GpioChip.ModelOfLabel(p.Chip.Label) != null);
        if (other != null)
        {
            PiModel otherModel = GpioChip.ModelOfLabel(other.Chip!.Label)!.Value;
            error = $"no GPIO chip {wanted}; {other.Path} is {other.Chip.Label}, the header chip of a {PiBoard.ModelName(otherModel)}: " +
                $"give --model {Option(otherModel)}, or leave --model out so the model is detected";
            return false;
        }

        var denied = probes.Where(p => p.Errno is Libc.EACCES or Libc.EPERM).ToList();
        if (denied.Count > 0)
        {
            error = PermissionMessage(denied, uid, groups);
            return false;
        }

        if (probes.Count == 0)
        {
            error = $"no GPIO chip {wanted}: there is no /dev/gpiochip* at all (not a Raspberry Pi, or /dev is hidden from " +
                "this process: a container, PrivateDevices= in the unit); give --gpiochip /dev/gpiochipN";
            return false;
        }

        var found = new StringBuilder();
        foreach (GpioChipProbe p in probes)
        {
            found.Append(found.Length == 0 ? "" : ", ").Append(p.Path).Append(p.Chip != null
                ? $" is {(p.Chip.Label.Length == 0 ? "unlabelled" : p.Chip.Label)}"
                : $" cannot be read ({Libc.Describe(p.Errno)})");
        }

        error = $"no GPIO chip {wanted}: {found}; give --gpiochip /dev/gpiochipN";
        return false;
    }

    /// <summary>The --model value of a model.</summary>
    public static string Option(PiModel model) => model == PiModel.Pi5 ? "pi5" : "pi4";

    private static string PermissionMessage(List<GpioChipProbe> denied, uint uid, IReadOnlyList<uint> groups)
    {
        GpioChipProbe first = denied[0];
        string files = first.Path + (denied.Count > 1 ? $" and {denied.Count - 1} more" : "");
        string me = UnixIdentity.DescribeUser(uid);
        string user = UnixIdentity.NameOf("/etc/passwd", uid) ?? "#" + uid;
        var text = new StringBuilder($"permission denied on {files}");
        FileOwnership? owner = first.Owner;
        if (owner == null)
        {
            return text.Append($"; gateway-pi runs as {me}. Give it the group that owns the GPIO chips (gpio on Raspberry Pi OS)").ToString();
        }

        string group = UnixIdentity.NameOf("/etc/group", owner.Gid) ?? "#" + owner.Gid;
        text.Append($" (owner {UnixIdentity.DescribeUser(owner.Uid)}, group {UnixIdentity.DescribeGroup(owner.Gid)}, mode 0{System.Convert.ToString((int)owner.Mode, 8)})");
        if (owner.Gid == 0)
        {
            return text.Append($"; only root may open it: make a group own the chips with a udev rule " +
                "(boards/raspberry-pi/README.md, \"Not Raspberry Pi OS\") and add the user to it").ToString();
        }

        return groups.Contains(owner.Gid)
            ? text.Append($"; gateway-pi runs as {me} and holds group {group}, so something else refuses it: " +
                "check DevicePolicy=/DeviceAllow= in the unit (char-gpiochip rw)").ToString()
            : text.Append($"; gateway-pi runs as {me} without group {group}: add it (sudo usermod -aG {group} {user}, then log in again), " +
                $"or SupplementaryGroups={group} in the systemd unit").ToString();
    }
}
