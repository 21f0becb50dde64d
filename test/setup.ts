// Global mocha setup, loaded once before every test file (see .mocharc.json).
// Pulumi mocks are process-wide: they are installed here, once, for every test that runs the
// Pulumi program (components and synth tests); components/mocks.ts is the same implementation
// `aksnet synth` uses.
import { installMocks } from '../components/mocks';

installMocks();
