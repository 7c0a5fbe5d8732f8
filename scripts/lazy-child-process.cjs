// Stands in for node:child_process inside the bundled commander, which loads
// it at start-up only to run executable subcommands (this CLI has none).
// Loading it there cost about 2 ms of every run, --help included; this
// loads it on first use instead.
let childProcess;
module.exports = new Proxy(
  {},
  {
    get(_, key) {
      childProcess ??= require('node:child_process');
      return childProcess[key];
    },
  },
);
