import { MockDeployment, mockPassword } from "./mock-deployment";
import { RenderedFiles, renderedFiles } from "./rendered";
import {
    RedisProcess,
    ServerDirs,
    TempDirs,
    TestPki,
    freePort,
    relocateNetwork,
    relocatePaths,
    serverDirs,
    writeFiles,
} from "./redis-process";

export const TEST_NAMESPACE = "data";
export const TEST_CLIENTS = [{ podSelector: { matchLabels: { app: "web" } } }];
export const ADMIN_USER = { name: "ops", role: "admin" };

/** One running pod's worth of Redis: its server, its directories and its TLS port. */
export interface RunningPod {
    server: RedisProcess;
    dirs: ServerDirs;
    port: number;
}

/** Deploys a component under the mocks and starts its pods from the rendered files, changing only paths and listen addresses. */
export class RenderedPods {
    private readonly servers: RedisProcess[] = [];

    constructor(
        private readonly deployment: MockDeployment,
        private readonly temp: TempDirs,
        readonly pki: TestPki,
    ) {}

    /**
     * The component's resources stay recorded in the deployment until the next deploy. Sentinel is off
     * unless `args` sets it: these pods run with pod 0 as the fixed primary (sentinel-drill.ts runs Sentinel).
     */
    async deploy(name: string, args: Record<string, unknown>): Promise<RenderedFiles> {
        this.deployment.reset();
        const components = await import("hardened-redis");
        const redis = new components.KubernetesRedis(name, {
            namespace: TEST_NAMESPACE,
            allowedClients: TEST_CLIENTS,
            users: [ADMIN_USER],
            sentinel: { enabled: false },
            ...args,
        } as any);
        await this.deployment.settle(redis);
        return renderedFiles(this.deployment, name);
    }

    /** Starts a pod; `primary` makes it a replica of that pod. `prepare` runs on the empty directories before Redis starts. */
    async start(
        files: RenderedFiles,
        hostname: string,
        primary?: RunningPod,
        prepare?: (dirs: ServerDirs) => void | Promise<void>,
    ): Promise<RunningPod> {
        const port = await freePort();
        const dirs = serverDirs(this.temp.make(hostname), this.pki);
        const listen = { port, primary: primary && { host: "127.0.0.1", port: primary.port } };
        writeFiles(
            dirs.config,
            Object.fromEntries(
                Object.entries(files.config).map(([file, text]) => [file, relocateNetwork(relocatePaths(text, dirs), listen)]),
            ),
        );
        writeFiles(dirs.auth, files.auth);
        await prepare?.(dirs);
        const server = new RedisProcess(relocatePaths(files.startScript, dirs), { HOSTNAME: hostname });
        this.servers.push(server);
        await server.ready(120_000);
        return { server, dirs, port };
    }

    async stopAll(): Promise<void> {
        await Promise.all(this.servers.splice(0).map((server) => server.stop("SIGKILL")));
    }
}

export const passwordOf = (component: string, user: string) => mockPassword(`${component}-${user}-password`);
