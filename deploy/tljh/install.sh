#!/usr/bin/env bash
# Set up the Learning Circles course on The Littlest JupyterHub (TLJH), on the hub's machine.
# Run as root from a checkout that every user can read, e.g.:
#   sudo git clone https://github.com/learning-circles-course/learning-circles /opt/learning-circles
#   sudo /opt/learning-circles/deploy/tljh/install.sh
# It is safe to run again after `git pull` (it updates the same files).
set -euo pipefail
cd "$(dirname "$0")/../.."
CHECKOUT="$PWD"
TLJH=/opt/tljh
EXCHANGE=/usr/local/share/nbgrader/exchange
ROLE_CONFIG=/etc/learning-circles/jupyter

[ "$(id -u)" = 0 ] || { echo "install.sh: run me with sudo" >&2; exit 1; }
[ -x "$TLJH/user/bin/pip" ] || { echo "install.sh: TLJH not found in $TLJH" >&2; exit 1; }

# Learners' servers run as their own Unix users: they must be able to read the course package.
chmod -R a+rX "$CHECKOUT"
# The course environment (JupyterLab, ipywidgets, nbgrader, nbgitpuller, the course package).
"$TLJH/user/bin/pip" install --quiet -r "$CHECKOUT/requirements.txt"

# nbgrader's exchange: everyone may write, the sticky bit keeps people from deleting others' files.
install -d -m 1777 "$EXCHANGE"

# Jupyter settings of each role (which nbgrader tools a server loads) ...
install -d -m 755 "$ROLE_CONFIG"
cp -r "$CHECKOUT/deploy/jupyter/." "$ROLE_CONFIG/"
chmod -R a+rX "$ROLE_CONFIG"
# ... and the hub settings that give each user their role.
install -m 644 "$CHECKOUT/deploy/jupyterhub_config.py" "$TLJH/config/jupyterhub_config.d/learning-circles.py"

tljh-config reload hub
echo "Done. Add trainers to the 'trainers' group in the hub's admin panel (or TRAINERS in"
echo "$TLJH/config/jupyterhub_config.d/learning-circles.py), then hand out nbgitpuller links."
