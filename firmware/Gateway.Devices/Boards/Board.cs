using Gateway.Devices.Events;
using Gateway.Devices.Regions;
using Gateway.Devices.Registers;
using Gateway.Protocol.Platform;
using Gateway.Protocol.Qnx;
using Gateway.ResourceManager;
using Gateway.ResourceManager.Introspection;

namespace Gateway.Devices.Boards
{
    /// <summary>
    /// A built board: the resource manager with the namespace of board-resources.md, its device regions and the
    /// event relay the link plugs into. Built once at start by <see cref="BoardNamespace.Build"/>.
    /// </summary>
    public sealed class Board
    {
        public BoardDefinition Definition;
        public ResourceManager.ResourceManager Rm;
        public StatusResource Status;
        public readonly EventRelay Events = new EventRelay();
        public GpioBankRegion[] Banks;
        public SpiControlRegion SpiControl;
        public SpiBuffer SpiBuffer;
        public ConsoleStream Console;
        public PhysicalMemory Memory;

        public Mount RootMount;
        public Mount DevMount;
        public Mount FwMount;
        public Mount DataMount;
        public Mount NoExecMount;

        /// <summary>The /fw/map entry, fixed again by <see cref="BoardNamespace.RebuildMap"/> when resources are added later.</summary>
        public ResourceAttr MapAttr;

        /// <summary>/fw/map, produced on read from what it describes (<see cref="FwMapContent.ToArray"/> for the whole document).</summary>
        public FwMapContent Map;

        /// <summary>/fw/info as written at build time.</summary>
        public byte[] InfoJson;

        /// <summary>The /fw/info entry (its bytes are written again once /data's quotas are sized).</summary>
        public ResourceAttr InfoAttr;
    }
}
