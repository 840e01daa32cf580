import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Full pages render slowly on the shared 2-core CI machine.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 5_000 });

// jsdom has no SVG layout; DependencyGraph measures nodes with getBBox.
Object.defineProperty(window.SVGElement.prototype, 'getBBox', {
  value: () => ({ x: 0, y: 0, width: 120, height: 40 }),
  configurable: true,
});

/**
 * React 18.3 deprecation notices raised inside Material UI v4 and material-table (which
 * core-components' Table wraps). They are not about this plugin's code and cannot be fixed here.
 */
function isThirdPartyDeprecation(args: unknown[]): boolean {
  const [format, name] = args.map(String);
  if (format.includes('Support for defaultProps will be removed')) {
    return /^(MTable|Connect\(Droppable\)|Droppable|Draggable)/.test(name);
  }
  return format.startsWith('Warning: findDOMNode is deprecated');
}

// Tests of this plugin must not log errors: a React warning or failed request is a bug here.
let consoleError: jest.SpyInstance;
let logged: unknown[][];
beforeEach(() => {
  logged = [];
  consoleError = jest.spyOn(console, 'error').mockImplementation((...args) => {
    if (!isThirdPartyDeprecation(args)) logged.push(args);
  });
});
afterEach(() => {
  consoleError.mockRestore();
  if (logged.length > 0) {
    throw new Error(
      `The test logged errors:\n${logged
        .map(args => args.map(String).join(' '))
        .join('\n')}`,
    );
  }
});
