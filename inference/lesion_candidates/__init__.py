"""Lesion candidates rescored by a light patch classifier: microaneurysms found near native resolution on a CPU
budget (dark-dot candidates, a tiny CNN on green-channel patches labelled by the specialists' masks)."""
