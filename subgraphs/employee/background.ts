// What the employee subgraph loads outside requests: the person directory, and Opus's org tree for
// the workforce statistics' units and subtrees.
import { startOpusOrgTree } from '../shared/opusOrgTree.js';
import { allBackgrounds } from '../shared/subgraph.js';
import { startDirectory } from './directory.js';

export const startEmployeeBackground = allBackgrounds(startDirectory, startOpusOrgTree);
