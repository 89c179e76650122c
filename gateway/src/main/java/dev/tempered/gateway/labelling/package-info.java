/** Human labelling of online DPO pairs: pairs offered from scored groups, labels, the export. */
package dev.tempered.gateway.labelling;
