// Entry of the netpol bundle (dist/netpol.js): the commands that read Kubernetes and Calico objects.
// Kept out of the main bundle so `aksnet plan` does not load ajv, kubernetes-models or the schemas.
export { runValidate } from './validateCommand';
export { runReach } from './reachCommand';
export { diffPlanReach, stackConnectivity } from './planConnectivity';
export { programFindings } from './programChecks';
