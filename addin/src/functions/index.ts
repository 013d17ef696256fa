/** Entry of functions.js: loaded by taskpane.html, so it runs in the pane's (shared) runtime. */
import { registerFunctions } from './functions';

registerFunctions();
