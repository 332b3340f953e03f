// The package half of the ESP32 app's compile check: the nfproj's References, packages.config and the manifest
// (NanoPackages.props) must agree, and every pin must be a real release. Built into the build as an inline MSBuild
// task (RoslynCodeTaskFactory, see Gateway.NanoCheck.csproj) and compiled into tests/Gateway.Subset.Tests with
// NANO_PACKAGE_CHECK_TESTS defined, so one source decides for both. Desktop code: it never runs on the board.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Xml;

namespace Gateway.NanoCheck
{
    /// <summary>One manifest row.</summary>
    public sealed class NanoPackageSpec
    {
        public string Id = "";
        public string Version = "";
        public string Lib = "";
        public string[] Releases = new string[0];
        public string[] Requires = new string[0];
    }

    /// <summary>Checks an nfproj, its packages.config and the manifest against each other; returns every problem found.</summary>
    public static class NanoPackageRules
    {
        private const string MsBuildNs = "http://schemas.microsoft.com/developer/msbuild/2003";

        public static List<string> Check(IList<NanoPackageSpec> manifest, string packagesConfigXml, string nfprojXml)
        {
            var errors = new List<string>();
            var pinned = ReadPackagesConfig(packagesConfigXml, errors);
            var byId = new Dictionary<string, NanoPackageSpec>(StringComparer.OrdinalIgnoreCase);
            foreach (var spec in manifest)
            {
                byId[spec.Id] = spec;
                if (Array.IndexOf(spec.Releases, spec.Version) < 0)
                {
                    errors.Add($"{spec.Id} {spec.Version} was never released (known releases: {string.Join(", ", spec.Releases)})");
                }

                if (!pinned.TryGetValue(spec.Id, out string? pin))
                {
                    errors.Add($"{spec.Id} is in the manifest but not in packages.config");
                }
                else if (pin != spec.Version)
                {
                    errors.Add($"packages.config pins {spec.Id} {pin}, the manifest {spec.Version}");
                }
            }

            foreach (var pin in pinned)
            {
                if (!byId.ContainsKey(pin.Key))
                {
                    errors.Add($"packages.config names {pin.Key} {pin.Value}, which the manifest (firmware/NanoCheck/NanoPackages.props) does not list");
                }
            }

            foreach (var spec in manifest)
            {
                foreach (string requirement in spec.Requires)
                {
                    int at = requirement.IndexOf(">=", StringComparison.Ordinal);
                    if (at <= 0)
                    {
                        errors.Add($"{spec.Id}: requirement '{requirement}' is not package>=version");
                        continue;
                    }

                    string id = requirement.Substring(0, at).Trim();
                    string min = requirement.Substring(at + 2).Trim();
                    if (!pinned.TryGetValue(id, out string? have))
                    {
                        errors.Add($"{spec.Id} {spec.Version} needs {id} >= {min}, which packages.config does not pin");
                    }
                    else if (CompareVersions(have, min) < 0)
                    {
                        errors.Add($"{spec.Id} {spec.Version} needs {id} >= {min}; packages.config pins {have}");
                    }
                }
            }

            CheckReferences(byId, pinned, nfprojXml, errors);
            return errors;
        }

        private static Dictionary<string, string> ReadPackagesConfig(string xml, List<string> errors)
        {
            var pinned = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var doc = new XmlDocument();
            doc.LoadXml(xml);
            foreach (XmlElement package in doc.GetElementsByTagName("package"))
            {
                string id = package.GetAttribute("id");
                string version = package.GetAttribute("version");
                if (pinned.ContainsKey(id))
                {
                    errors.Add($"packages.config names {id} twice");
                }

                pinned[id] = version;
            }

            return pinned;
        }

        private static void CheckReferences(Dictionary<string, NanoPackageSpec> byId, Dictionary<string, string> pinned, string nfprojXml, List<string> errors)
        {
            var doc = new XmlDocument();
            doc.LoadXml(nfprojXml);
            var ns = new XmlNamespaceManager(doc.NameTable);
            ns.AddNamespace("b", MsBuildNs);
            var referenced = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (XmlElement reference in doc.SelectNodes("//b:ItemGroup/b:Reference", ns)!)
            {
                string name = reference.GetAttribute("Include");
                var hint = reference.SelectSingleNode("b:HintPath", ns);
                if (hint == null)
                {
                    errors.Add($"Reference {name} has no HintPath (the nfproj must name the package's lib file)");
                    continue;
                }

                string path = hint.InnerText.Trim().Replace('/', '\\');
                string[] parts = path.Split('\\');
                // packages\<id>.<version>\lib\<file>
                if (parts.Length != 4 || parts[0] != "packages" || parts[2] != "lib")
                {
                    errors.Add($"Reference {name}: HintPath '{path}' is not packages\\<id>.<version>\\lib\\<file>");
                    continue;
                }

                NanoPackageSpec? spec = null;
                foreach (var candidate in byId.Values)
                {
                    if (parts[1].StartsWith(candidate.Id + ".", StringComparison.OrdinalIgnoreCase)
                        && (spec == null || candidate.Id.Length > spec.Id.Length))
                    {
                        spec = candidate;
                    }
                }

                if (spec == null)
                {
                    errors.Add($"Reference {name}: HintPath '{path}' names a package the manifest does not list");
                    continue;
                }

                referenced.Add(spec.Id);
                string version = parts[1].Substring(spec.Id.Length + 1);
                if (!pinned.TryGetValue(spec.Id, out string? pin))
                {
                    errors.Add($"Reference {name}: package {spec.Id} is missing from packages.config");
                }
                else if (version != pin)
                {
                    errors.Add($"Reference {name}: HintPath names {spec.Id} {version}, packages.config pins {pin}");
                }

                if (!string.Equals(parts[3], spec.Lib, StringComparison.Ordinal))
                {
                    errors.Add($"Reference {name}: HintPath names lib\\{parts[3]}, but {spec.Id} ships lib\\{spec.Lib}");
                }
            }

            foreach (var spec in byId.Values)
            {
                if (pinned.ContainsKey(spec.Id) && !referenced.Contains(spec.Id))
                {
                    errors.Add($"{spec.Id} is pinned in packages.config but the nfproj has no Reference to its lib\\{spec.Lib}");
                }
            }
        }

        /// <summary>Compares dotted numeric versions (1.11.37 &lt; 1.11.100).</summary>
        public static int CompareVersions(string a, string b)
        {
            string[] x = a.Split('.');
            string[] y = b.Split('.');
            for (int i = 0; i < Math.Max(x.Length, y.Length); i++)
            {
                long u = i < x.Length && long.TryParse(x[i], out long p) ? p : 0;
                long v = i < y.Length && long.TryParse(y[i], out long q) ? q : 0;
                if (u != v)
                {
                    return u < v ? -1 : 1;
                }
            }

            return 0;
        }
    }

#if !NANO_PACKAGE_CHECK_TESTS
    /// <summary>The MSBuild face of <see cref="NanoPackageRules"/>: logs each problem as a build error.</summary>
    public sealed class CheckNanoPackages : Microsoft.Build.Utilities.Task
    {
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Packages { get; set; } = new Microsoft.Build.Framework.ITaskItem[0];

        [Microsoft.Build.Framework.Required]
        public string PackagesConfig { get; set; } = "";

        [Microsoft.Build.Framework.Required]
        public string Project { get; set; } = "";

        public override bool Execute()
        {
            var manifest = new List<NanoPackageSpec>();
            foreach (var item in Packages)
            {
                manifest.Add(new NanoPackageSpec
                {
                    Id = item.ItemSpec,
                    Version = item.GetMetadata("Version"),
                    Lib = item.GetMetadata("Lib"),
                    Releases = Split(item.GetMetadata("Releases")),
                    Requires = Split(item.GetMetadata("Requires")),
                });
            }

            foreach (string error in NanoPackageRules.Check(manifest, File.ReadAllText(PackagesConfig), File.ReadAllText(Project)))
            {
                Log.LogError(null, "NANO001", null, Project, 0, 0, 0, 0, error);
            }

            return !Log.HasLoggedErrors;
        }

        private static string[] Split(string list)
        {
            return list.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries);
        }
    }
#endif
}
