import { benchGraphCli } from '../bench/graph-cli';
import { printResults } from '../bench/report';
printResults('cli graph', await benchGraphCli());
