const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

const transform = {
  "^.+\\.[jt]sx?$": [
    "@swc/jest",
    { jsc: { target: "es2022", parser: { syntax: "typescript", decorators: true, tsx: true } } },
  ],
}

const common = {
  transform,
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "tsx", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/", "<rootDir>/.data/"],
}

// TEST_TYPE picks the suite: `unit` (pure logic, no database) or
// `integration:http` (the real Medusa app over HTTP on PostgreSQL).
const testMatch = {
  unit: ["<rootDir>/src/**/__tests__/**/*.unit.spec.[jt]s"],
  "integration:http": ["<rootDir>/integration-tests/http/**/*.spec.[jt]s"],
}[process.env.TEST_TYPE || "unit"]

module.exports = {
  ...common,
  testMatch,
  setupFiles: ["<rootDir>/integration-tests/setup.js"],
}
