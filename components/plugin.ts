// The entry Pulumi runs for the component plugin (PulumiPlugin.yaml's `main`, compiled to bin/plugin.js):
// Pulumi's Node.js plugin runner calls the exported function, which starts the provider's gRPC server.
import { serveComponentPlugin } from "./plugin/provider";

export = (): Promise<void> => serveComponentPlugin(process.argv.slice(2));
