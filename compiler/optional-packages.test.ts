import { expect, test } from 'vitest'
import { installCommand, missingPackages, missingPackagesError } from './optional-packages.ts'

test('installed packages are found whatever their exports map; absent ones are named', () => {
  // amqplib and dockerode are CommonJS, nats and zod have exports maps; all are devDependencies here.
  expect(missingPackages(['amqplib', 'nats', 'dockerode', 'zod', 'no-such-package-purista'])).toEqual(['no-such-package-purista'])
})

test('the npm command names the versions purista was tested with', () => {
  expect(installCommand(['nats', 'redis'])).toMatch(/^npm install nats@\^\d+\.\d+\.\d+ redis@\^\d+\.\d+\.\d+$/)
  expect(installCommand(['dynalite'], { dev: true })).toMatch(/^npm install --save-dev dynalite@\^\d/)
  expect(missingPackagesError('--images', ['dockerode'])).toBeUndefined()
  expect(missingPackagesError('purista client', ['no-such-package-purista'])?.message).toBe('purista client needs "no-such-package-purista", not installed in this project: npm install no-such-package-purista')
})
