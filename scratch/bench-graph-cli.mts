import { benchGraphCli } from '../bench/graph-cli';
import { printResults } from '../bench/report';
printResults('Graph through the CLI', await benchGraphCli());
