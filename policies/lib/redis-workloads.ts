import { ContainerView, containersOf, isRedisWorkload, podTemplateOf, runsRedisServer } from "./kubernetes";
import { ServerConfig, serverConfigOf } from "./redis-server";
import { ServerUsers, serverUsersOf } from "./redis-users";
import { StackResourceView, StackView } from "./rule";

/** One redis-server container of a workload, with its configuration and users. */
export interface ServerContainer {
    workload: StackResourceView;
    view: ContainerView;
    config: ServerConfig;
    users: ServerUsers;
    /** `Redis workload "w" container "c"`, for messages. */
    where: string;
}

/** Every redis-server container of the stack's Redis workloads. */
export function serverContainersOf(stack: StackView): ServerContainer[] {
    return stack.resources.filter(isRedisWorkload).flatMap((workload) =>
        containersOf(podTemplateOf(workload).spec, ["containers"])
            .filter((c) => runsRedisServer(c.container))
            .map((view) => {
                const config = serverConfigOf(stack, workload, view);
                return { workload, view, config, users: serverUsersOf(config), where: `Redis workload "${workload.name}" container "${view.name}"` };
            }),
    );
}
