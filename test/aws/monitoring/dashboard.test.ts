import { validateAlarmsArgs } from "../../../components/aws/monitoring/alarms";
import { dashboardBody, dashboardName } from "../../../components/aws/monitoring/dashboard";
import { ArgChecker } from "../../../components/shared/validation";

const check = new ArgChecker("ElastiCacheRedis", "orders");
const MEMBERS = ["orders-001", "orders-002", "orders-003"];

function render(memberIds: string[], alarmArgs = {}, nodeType = "cache.r7g.large", globalSecondary?: boolean) {
    const body = dashboardBody({
        replicationGroupId: "orders",
        region: "eu-west-1",
        memberIds,
        alarms: validateAlarmsArgs(check, alarmArgs, nodeType),
        globalSecondary,
    });
    return JSON.parse(JSON.stringify(body));
}

const widgetOf = (body: any, metric: string) => body.widgets.find((w: any) => w.properties.metrics[0][1] === metric);

describe("dashboardBody", () => {
    it("renders JSON with one line per member node in every graph, in the cache's region", () => {
        const body = render(MEMBERS);
        expect(body.widgets.length).toBeGreaterThan(0);
        for (const widget of body.widgets) {
            expect(widget.type).toBe("metric");
            expect(widget.properties.region).toBe("eu-west-1");
            const lines = widget.properties.metrics;
            expect(lines.map((line: any[]) => [line[0], line[2], line[3], line[4].label])).toEqual(
                MEMBERS.map((id) => ["AWS/ElastiCache", "CacheClusterId", id, id]),
            );
            expect(new Set(lines.map((line: any[]) => line[1])).size).toBe(1);
        }
    });

    it("shows memory and evictions, CPU and engine CPU, latency, connections, hit rate and replication lag", () => {
        const metrics = render(MEMBERS).widgets.map((w: any) => w.properties.metrics[0][1]);
        expect(metrics).toEqual([
            "DatabaseMemoryUsagePercentage",
            "Evictions",
            "FreeableMemory",
            "EngineCPUUtilization",
            "CPUUtilization",
            "SwapUsage",
            "GetTypeCmdsLatency",
            "SetTypeCmdsLatency",
            "CurrConnections",
            "NewConnections",
            "CacheHitRate",
            "ReplicationLag",
        ]);
    });

    it("leaves out replication lag for a single node", () => {
        const metrics = render(["orders-001"]).widgets.map((w: any) => w.properties.metrics[0][1]);
        expect(metrics).not.toContain("ReplicationLag");
        expect(metrics).toHaveLength(11);
    });

    it("graphs the cross-region lag of a Global Datastore secondary, one line per member, against its alarm threshold", () => {
        const body = render(MEMBERS, {}, "cache.r7g.large", true);
        const metrics = body.widgets.map((w: any) => w.properties.metrics[0][1]);
        expect(metrics.slice(-2)).toEqual(["ReplicationLag", "GlobalDatastoreReplicationLag"]);
        const widget = widgetOf(body, "GlobalDatastoreReplicationLag");
        expect(widget.properties).toMatchObject({
            title: "orders: Cross-region replication lag (s)",
            region: "eu-west-1",
            stat: "Average",
            period: 60,
        });
        expect(widget.properties.metrics).toEqual(
            MEMBERS.map((id) => ["AWS/ElastiCache", "GlobalDatastoreReplicationLag", "CacheClusterId", id, { label: id }]),
        );
        expect(widget.properties.annotations.horizontal).toEqual([{ label: "alarm", value: 5 }]);
        expect(
            widgetOf(
                render(MEMBERS, { thresholds: { GlobalDatastoreReplicationLag: 20 } }, "cache.r7g.large", true),
                "GlobalDatastoreReplicationLag",
            ).properties.annotations.horizontal,
        ).toEqual([{ label: "alarm", value: 20 }]);
        expect(widgetOf(render(["orders-001"], {}, "cache.r7g.large", true), "GlobalDatastoreReplicationLag")).toBeDefined();
    });

    it("has no cross-region lag graph on a cache that is not a Global Datastore secondary", () => {
        for (const body of [render(MEMBERS), render(MEMBERS, {}, "cache.r7g.large", false)]) {
            expect(body.widgets.map((w: any) => w.properties.metrics[0][1])).not.toContain("GlobalDatastoreReplicationLag");
        }
    });

    it("draws latency against the SLO line in microseconds", () => {
        const body = render(MEMBERS, { latencySloMs: 3 });
        for (const metric of ["GetTypeCmdsLatency", "SetTypeCmdsLatency"]) {
            expect(widgetOf(body, metric).properties.annotations.horizontal).toEqual([{ label: "SLO 3 ms", value: 3000 }]);
        }
    });

    it("draws each alarm's threshold, and none for an alarm that does not exist", () => {
        const body = render(MEMBERS, { thresholds: { DatabaseMemoryUsagePercentage: 70 } }, "cache.r7g.xlarge");
        expect(widgetOf(body, "DatabaseMemoryUsagePercentage").properties.annotations.horizontal).toEqual([{ label: "alarm", value: 70 }]);
        expect(widgetOf(body, "EngineCPUUtilization").properties.annotations.horizontal).toEqual([{ label: "alarm", value: 90 }]);
        expect(widgetOf(body, "CPUUtilization").properties.annotations.horizontal).toEqual([]);
        const off = render(MEMBERS, { enabled: false });
        expect(widgetOf(off, "Evictions").properties.annotations.horizontal).toEqual([]);
        expect(widgetOf(off, "GetTypeCmdsLatency").properties.annotations.horizontal).toEqual([{ label: "SLO 2 ms", value: 2000 }]);
    });

    it("lays the graphs out on a 24-column grid without overlap", () => {
        const cells = render(MEMBERS).widgets.map((w: any) => `${w.x},${w.y}`);
        expect(new Set(cells).size).toBe(cells.length);
        for (const widget of render(MEMBERS).widgets) expect(widget.x + widget.width).toBeLessThanOrEqual(24);
    });

    it("sums counters and averages gauges over one-minute periods", () => {
        const body = render(MEMBERS);
        expect(widgetOf(body, "Evictions").properties).toMatchObject({ stat: "Sum", period: 60 });
        expect(widgetOf(body, "NewConnections").properties).toMatchObject({ stat: "Sum", period: 60 });
        expect(widgetOf(body, "CacheHitRate").properties).toMatchObject({ stat: "Average", period: 60 });
    });
});

describe("dashboardName", () => {
    it("carries the region, since dashboard names are global to the account", () => {
        expect(dashboardName("orders", "eu-west-1")).toBe("redis-orders-eu-west-1");
    });
});
