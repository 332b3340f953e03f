using Gateway.Protocol.Messages;
using Gateway.Protocol.Qnx;

namespace Gateway.ResourceManager
{
    /// <summary>
    /// The iofunc layer: QNX's <c>iofunc_*</c> defaults and helpers. Resource handlers call these to get every
    /// check of rules.md for free, exactly as a QNX resource manager calls <c>iofunc_mmap_ext()</c>.
    /// </summary>
    public static partial class IoFunc
    {
        /// <summary>
        /// The mode-bit check of RM-1 on effective credentials: one class (owner if the euid owns the file, else
        /// group if the egid or a supplementary group matches, else other); uid 0 passes read and write.
        /// <paramref name="want"/> holds <c>_IO_FLAG_RD</c> and/or <c>_IO_FLAG_WR</c>.
        /// </summary>
        public static bool CheckReadWrite(ResourceAttr attr, CredInfo cred, uint want)
        {
            if (cred.Euid == 0)
            {
                return true;
            }

            uint bits = ClassBits(attr, cred);
            if ((want & OpenFlags.IoFlagRead) != 0 && (bits & 4) == 0)
            {
                return false;
            }

            if ((want & OpenFlags.IoFlagWrite) != 0 && (bits & 2) == 0)
            {
                return false;
            }

            return true;
        }

        /// <summary>
        /// RM-12: the file is executable for the client when it is a regular file, its mount is not no-exec, and
        /// the effective credentials pass the execute check of their one class; uid 0 needs any x bit (G).
        /// Directories and devices are never executable.
        /// </summary>
        public static bool IsExecutableFor(ResourceAttr attr, CredInfo cred)
        {
            if (!attr.IsRegular || attr.Mount.NoExec)
            {
                return false;
            }

            if (cred.Euid == 0)
            {
                return (attr.Mode & FileMode.AnyExec) != 0;
            }

            return (ClassBits(attr, cred) & 1) != 0;
        }

        /// <summary>The rwx bits (4, 2, 1) of the class the credentials fall in.</summary>
        private static uint ClassBits(ResourceAttr attr, CredInfo cred)
        {
            if (cred.Euid == attr.Uid)
            {
                return (attr.Mode >> 6) & 7;
            }

            if (cred.InGroup(attr.Gid))
            {
                return (attr.Mode >> 3) & 7;
            }

            return attr.Mode & 7;
        }
    }
}
