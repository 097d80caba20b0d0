"""Build the network a model card describes (random weights; inference.loading fills them).

Segmentation: segmentation-models-pytorch Unet / Unet++ / MAnet with any encoder smp offers (``tu-NAME`` reaches
every timm backbone). Classification: a backbone (an smp encoder, or a timm model via ``timm:NAME``) that yields
its last feature map, then global average pooling and a linear head. Pretrained weights are never downloaded.
"""
from __future__ import annotations

import torch
from torch import nn

from annotations.wording import join_items
from inference import messages as msg
from inference.device import is_memory_shortage
from inference.lesion_candidates.network import PatchClassifier
from inference.lesion_candidates.dark_regions import PATCH_SIDE
from inference.lesion_candidates.patches import PATCH_SIZE
from inference.lesion_candidates.region_network import RegionClassifier
from inference.model_card import REGION_ENCODER, ModelCard, ModelError

# segmentation-models-pytorch and timm are imported inside the functions that build a network, on purpose: each
# takes seconds to import, and most model sets need only one of them.
TIMM_PREFIX = "timm:"
DEFAULT_CLASSIFIER_CAM_LAYER = "features"
DEFAULT_SEGMENTATION_CAM_LAYER = "encoder"


class SmpFeatures(nn.Module):
    """An smp encoder reduced to its deepest feature map."""

    def __init__(self, encoder_name: str) -> None:
        super().__init__()
        from segmentation_models_pytorch.encoders import get_encoder

        self.encoder = get_encoder(encoder_name, in_channels=3, depth=5, weights=None)
        self.out_channels = int(self.encoder.out_channels[-1])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.encoder(x)[-1]


class TimmFeatures(nn.Module):
    """A timm model's ``forward_features`` (the last feature map, before its own pooling and head)."""

    def __init__(self, model_name: str) -> None:
        super().__init__()
        import timm

        self.model = timm.create_model(model_name, pretrained=False, num_classes=0)
        self.out_channels = int(self.model.num_features)  # channels of forward_features' output in timm >= 0.9

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        features = self.model.forward_features(x)
        if features.ndim != 4:
            raise RuntimeError("this timm model does not produce a 2-D feature map; pick a convolutional backbone")
        return features


class Classifier(nn.Module):
    """Backbone feature map -> global average pool -> dropout -> linear logits. ``features`` is the Grad-CAM layer."""

    def __init__(self, features: nn.Module, num_classes: int, dropout: float = 0.2) -> None:
        super().__init__()
        self.features = features
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(features.out_channels, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.dropout(torch.flatten(self.pool(self.features(x)), 1)))


def build_model(card: ModelCard) -> nn.Module:
    """The untrained network for ``card`` in eval mode; ModelError when the architecture or encoder is unknown."""
    if card.architecture == "classifier":
        model = Classifier(_build_features(card), card.output_channels)
    elif card.architecture == "patch-classifier":
        model = _build_patch_classifier(card)
    else:
        model = _build_segmentation(card)
    return model.eval()


def default_cam_layer(card: ModelCard) -> str:
    if card.cam_layer:
        return card.cam_layer
    return DEFAULT_CLASSIFIER_CAM_LAYER if card.architecture == "classifier" else DEFAULT_SEGMENTATION_CAM_LAYER


def known_smp_encoders() -> list[str]:
    import segmentation_models_pytorch as smp

    return sorted(smp.encoders.get_encoder_names())


def _build_patch_classifier(card: ModelCard) -> nn.Module:
    if card.encoder == REGION_ENCODER:  # haemorrhage regions (train candidates --classes HE)
        if tuple(card.input_size) != (PATCH_SIDE, PATCH_SIDE):
            raise ModelError(card.name, msg.PATCH_SIZE.format(patch=f"{PATCH_SIDE}x{PATCH_SIDE}",
                                                              given=list(card.input_size)), msg.RETRAIN_CANDIDATES)
        return RegionClassifier()
    if tuple(card.input_size) != (PATCH_SIZE, PATCH_SIZE):
        raise ModelError(card.name, msg.PATCH_SIZE.format(patch=f"{PATCH_SIZE}x{PATCH_SIZE}",
                                                          given=list(card.input_size)), msg.RETRAIN_CANDIDATES)
    return PatchClassifier()


def _build_segmentation(card: ModelCard) -> nn.Module:
    import segmentation_models_pytorch as smp

    constructors = {"unet": smp.Unet, "unetplusplus": smp.UnetPlusPlus, "manet": smp.MAnet}
    constructor = constructors.get(card.architecture)
    if constructor is None:
        raise ModelError(card.name, msg.UNKNOWN_SEGMENTATION_ARCH.format(name=repr(card.architecture)),
                         msg.USE_ONE_OF.format(choices=join_items(constructors)))
    _check_smp_encoder(card)
    options = {"decoder_channels": list(card.decoder_channels)} if card.decoder_channels else {}
    try:
        return constructor(encoder_name=card.encoder, encoder_weights=None, in_channels=3,
                           classes=card.output_channels, activation=None, **options)
    except (KeyError, ValueError, RuntimeError) as exc:
        if is_memory_shortage(exc):  # torch's CPU allocator failing: the machine's, not the card's encoder
            raise
        raise ModelError(card.name, msg.CANNOT_BUILD.format(architecture=card.architecture,
                                                            encoder=repr(card.encoder), error=exc),
                         msg.CHECK_ENCODER) from exc


def _build_features(card: ModelCard) -> nn.Module:
    if card.encoder.startswith(TIMM_PREFIX):
        import timm

        name = card.encoder[len(TIMM_PREFIX):]
        if not timm.is_model(name):
            raise ModelError(card.name, msg.UNKNOWN_TIMM_MODEL.format(name=repr(name)), msg.SEE_TIMM_NAMES)
        return TimmFeatures(name)
    _check_smp_encoder(card)
    return SmpFeatures(card.encoder)


def _check_smp_encoder(card: ModelCard) -> None:
    if card.encoder.startswith("tu-"):
        import timm

        if not timm.is_model(card.encoder[3:]):
            raise ModelError(card.name, msg.UNKNOWN_TIMM_ENCODER.format(name=repr(card.encoder)), msg.SEE_TIMM)
        return
    if card.encoder not in known_smp_encoders():
        raise ModelError(card.name, msg.UNKNOWN_ENCODER.format(name=repr(card.encoder)), msg.USE_SMP_ENCODER)
