// Starts the component plugin as Pulumi's Node.js plugin runner does: it loads the entry that
// PulumiPlugin.yaml names (here from the sources) and calls it, with the engine's address in argv.
import servePlugin = require("../../components/plugin");

void servePlugin();
