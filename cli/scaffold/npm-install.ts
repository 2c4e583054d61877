import { spawn } from 'node:child_process'
import { ScaffoldError } from './names.ts'

/** `npm install` in dir, its output shown as it comes. */
export function npmInstall(dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // npm is npm.cmd on Windows, which only a shell runs.
    const child = spawn('npm', ['install', '--no-fund', '--no-audit'], { cwd: dir, stdio: 'inherit', shell: process.platform === 'win32' })
    child.once('error', (error) => reject(new ScaffoldError(`could not run npm install in ${dir}: ${error.message}`)))
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new ScaffoldError(`npm install failed in ${dir} (exit code ${code}); the files are written, run it there yourself`))))
  })
}
