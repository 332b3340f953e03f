namespace Gateway.Protocol.Qnx
{
    /// <summary>QNX errno values (<c>errno.h</c>); several differ from Linux. qnx-messages.md.</summary>
    public static class Errno
    {
        public const int EOK = 0;
        public const int EPERM = 1;
        public const int ENOENT = 2;
        public const int EIO = 5;
        public const int ENXIO = 6;
        public const int EBADF = 9;
        public const int EAGAIN = 11;
        public const int ENOMEM = 12;
        public const int EACCES = 13;
        public const int EFAULT = 14;
        public const int EBUSY = 16;
        public const int EEXIST = 17;
        public const int ENODEV = 19;
        public const int ENOTDIR = 20;
        public const int EISDIR = 21;
        public const int EINVAL = 22;
        public const int ENFILE = 23;
        public const int EMFILE = 24;
        public const int ENOTTY = 25;
        public const int ETXTBSY = 26;
        public const int ENOSPC = 28;
        public const int EROFS = 30;
        public const int ENOTSUP = 48;

        /// <summary>Disc quota exceeded: QNX's value is 49 (Linux 122).</summary>
        public const int EDQUOT = 49;
        public const int EBADMSG = 77;
        public const int ENAMETOOLONG = 78;
        public const int EOVERFLOW = 79;
        public const int ENOSYS = 89;
        public const int EOPNOTSUPP = 103;

        /// <summary>The symbolic name of a QNX errno, or null when Gateway does not know it.</summary>
        public static string Name(int errno)
        {
            switch (errno)
            {
                case EOK: return "EOK";
                case EPERM: return "EPERM";
                case ENOENT: return "ENOENT";
                case EIO: return "EIO";
                case ENXIO: return "ENXIO";
                case EBADF: return "EBADF";
                case EAGAIN: return "EAGAIN";
                case ENOMEM: return "ENOMEM";
                case EACCES: return "EACCES";
                case EFAULT: return "EFAULT";
                case EBUSY: return "EBUSY";
                case EEXIST: return "EEXIST";
                case ENODEV: return "ENODEV";
                case ENOTDIR: return "ENOTDIR";
                case EISDIR: return "EISDIR";
                case EINVAL: return "EINVAL";
                case ENFILE: return "ENFILE";
                case EMFILE: return "EMFILE";
                case ENOTTY: return "ENOTTY";
                case ETXTBSY: return "ETXTBSY";
                case ENOSPC: return "ENOSPC";
                case EROFS: return "EROFS";
                case ENOTSUP: return "ENOTSUP";
                case EDQUOT: return "EDQUOT";
                case EBADMSG: return "EBADMSG";
                case ENAMETOOLONG: return "ENAMETOOLONG";
                case EOVERFLOW: return "EOVERFLOW";
                case ENOSYS: return "ENOSYS";
                case EOPNOTSUPP: return "EOPNOTSUPP";
                default: return null;
            }
        }

        /// <summary>The errno named <paramref name="name"/>, or -1.</summary>
        public static int FromName(string name)
        {
            for (int e = 0; e <= 103; e++)
            {
                string n = Name(e);
                if (n != null && n == name)
                {
                    return e;
                }
            }

            return -1;
        }
    }
}
